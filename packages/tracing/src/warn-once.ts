const warned = new Set<string>();

/**
 * `process.emitWarning` once per code for the life of the process: self-check findings must be
 * visible without flooding stderr on every request or export.
 */
export function warnOnce(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  try {
    process.emitWarning(message, { code, type: 'EcotraceWarning' });
  } catch {
    // emitWarning only throws for bad arguments; a warning must never break the app.
  }
}
