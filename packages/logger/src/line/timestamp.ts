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

// The line prefix built by the logMethod hook for the write pino is about to do. pino calls
// the `timestamp` option synchronously at the start of that write (lib/proto.js `write`), so a
// single module-level slot is enough: nothing can run between the hook and the write.
let pending: string | undefined;

/** Hands the next line's prefix to the `timestamp` option. */
export function setPendingPrefix(prefix: string): void {
  pending = prefix;
}

/**
 * pino's `timestamp` option: returns (and clears) the prefix the hook built; a bare
 * `@timestamp` when pino calls it outside a log call (it does once, at construction).
 */
export function takePendingPrefix(): string {
  const out = pending;
  pending = undefined;
  return out ?? timestampField();
}
