/**
 * Codes already warned about in this process. Kept on `globalThis` under `Symbol.for` so that two
 * installed copies of ecotrace packages (or the logger and tracing, each bundling core) still warn
 * once per code, not once per copy.
 */
const WARNED_CODES: unique symbol = Symbol.for('ecotrace.warned-codes') as never;

type GlobalWithWarned = typeof globalThis & { [WARNED_CODES]?: Set<string> };

function warnedCodes(): Set<string> {
  const g = globalThis as GlobalWithWarned;
  let codes = g[WARNED_CODES];
  if (!(codes instanceof Set)) {
    codes = new Set<string>();
    g[WARNED_CODES] = codes;
  }
  return codes;
}

/**
 * `process.emitWarning(message, { code, type: 'EcotraceWarning' })` once per `code` for the life
 * of the process. Used for everything ecotrace reports instead of throwing on the logging or
 * request path (it may repeat per request or per line, so it must not flood stderr). Never throws.
 *
 * @example
 * ```ts
 * warnOnce('ECOTRACE_SERVICE_MISMATCH', 'logger service.name "checkout" differs from tracing "app"');
 * ```
 */
export function warnOnce(code: string, message: string): void {
  const codes = warnedCodes();
  if (codes.has(code)) return;
  codes.add(code);
  try {
    process.emitWarning(message, { code, type: 'EcotraceWarning' });
  } catch {
    // emitWarning throws only for bad arguments or a throwing 'warning' listener: never into the app.
  }
}
