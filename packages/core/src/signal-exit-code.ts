import { constants } from 'node:os';

/**
 * The exit code a shell reports for a process killed by `signal`: 128 + the signal's number
 * (SIGTERM → 143, SIGINT → 130). ecotrace exits with it when it handled a signal only to flush,
 * so the process ends the way it would have without ecotrace. An unknown name gives 128.
 *
 * @example
 * ```ts
 * process.exit(signalExitCode('SIGTERM')); // 143
 * ```
 */
export function signalExitCode(signal: NodeJS.Signals | string): number {
  const number = (constants.signals as Record<string, number | undefined>)[signal];
  return 128 + (typeof number === 'number' ? number : 0);
}
