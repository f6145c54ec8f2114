const warned = new Set<string>();

/**
 * Reports a failure on the request path once per code with `process.emitWarning`, instead of
 * throwing into the app (the request must go on) or flooding stderr (it may repeat per request).
 */
export function warnOnce(code: string, what: string, error?: unknown): void {
  if (warned.has(code)) return;
  warned.add(code);
  const reason =
    error === undefined ? '' : `: ${error instanceof Error ? error.message : String(error)}`;
  process.emitWarning(`@ecotrace/metrics: ${what}${reason}`, { code });
}
