let lastMs = -1;
let lastIso = '';

/**
 * `"@timestamp":"<ISO 8601 UTC, ms>"` for now. The ISO text is cached per millisecond: a busy
 * service writes many lines per ms, and `toISOString` is a measurable share of a small line.
 */
export function timestampField(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = `"@timestamp":"${new Date(now).toISOString()}"`;
  }
  return lastIso;
}
