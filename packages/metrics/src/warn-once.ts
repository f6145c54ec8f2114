import { warnOnce as coreWarnOnce } from '@ecotrace/core';

/**
 * Reports a failure on the request path once per code (core's `warnOnce`), instead of throwing
 * into the app (the request must go on) or flooding stderr (it may repeat per request).
 */
export function warnOnce(code: string, what: string, error?: unknown): void {
  const reason =
    error === undefined ? '' : `: ${error instanceof Error ? error.message : String(error)}`;
  coreWarnOnce(code, `@ecotrace/metrics: ${what}${reason}`);
}
