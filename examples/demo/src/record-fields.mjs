// @ts-check

/**
 * Reads an ECS field from a log record whether it was written dotted ("trace.id") or nested
 * ({ trace: { id } }), as ECS loggers may do either.
 * @param {Record<string, unknown>} record
 * @param {string} name
 * @returns {unknown}
 */
export function field(record, name) {
  if (Object.hasOwn(record, name)) return record[name];
  const dot = name.indexOf('.');
  if (dot === -1) return undefined;
  // Try every split point: { "http.request": { id } } and { http: { "request.id" } } both count.
  for (let i = dot; i !== -1; i = name.indexOf('.', i + 1)) {
    const head = record[name.slice(0, i)];
    if (head !== null && typeof head === 'object' && !Array.isArray(head)) {
      const value = field(/** @type {Record<string, unknown>} */ (head), name.slice(i + 1));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * A string-valued field, or undefined.
 * @param {Record<string, unknown>} record
 * @param {string} name
 * @returns {string | undefined}
 */
export function stringField(record, name) {
  const value = field(record, name);
  return typeof value === 'string' ? value : undefined;
}
