import { constants } from 'node:os';

/**
 * Marks a SIGTERM/SIGINT listener as ecotrace's own (`Symbol.for`, so it holds across copies).
 * A marked listener flushes but does not own the process's exit; the last ecotrace listener to
 * finish exits only when no unmarked (application) listener exists.
 */
export const ECOTRACE_SIGNAL_HANDLER = Symbol.for('ecotrace.signal-handler');

type Listener = ((...args: unknown[]) => unknown) & { [ECOTRACE_SIGNAL_HANDLER]?: boolean };

/**
 * On SIGTERM/SIGINT: await `flush()` (bounded by the caller), then, if no application listener
 * for the signal exists, exit the way the signal would have (128 + signal number). With an
 * application listener, the application decides when to exit (typically after server.close()).
 * Returns a function that removes the listeners.
 */
export function flushOnSignals(flush: () => Promise<void>): () => void {
  const handler = ((signal: NodeJS.Signals) => {
    void flush().finally(() => {
      const appListeners = process
        .listeners(signal)
        .filter((l) => l !== handler && (l as Listener)[ECOTRACE_SIGNAL_HANDLER] !== true);
      if (appListeners.length === 0) process.exit(128 + (constants.signals[signal] ?? 0));
    });
  }) as Listener;
  handler[ECOTRACE_SIGNAL_HANDLER] = true;
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
