import { SIGNAL_HANDLER_MARK, signalExitCode } from '@ecotrace/core';

type Listener = ((...args: unknown[]) => unknown) & { [SIGNAL_HANDLER_MARK]?: boolean };

/**
 * On SIGTERM/SIGINT: await `flush()` (bounded by the caller), then, if every other listener is
 * marked with `SIGNAL_HANDLER_MARK` (e.g. the logger's synchronous flush), exit the way the signal would have (128 + signal number). With an
 * application listener, the application decides when to exit (typically after server.close()).
 * Returns a function that removes the listeners.
 */
export function flushOnSignals(flush: () => Promise<void>): () => void {
  const handler = ((signal: NodeJS.Signals) => {
    void flush().finally(() => {
      const appListeners = process
        .listeners(signal)
        .filter((l) => l !== handler && (l as Listener)[SIGNAL_HANDLER_MARK] !== true);
      if (appListeners.length === 0) process.exit(signalExitCode(signal));
    });
  }) as Listener;
  handler[SIGNAL_HANDLER_MARK] = true;
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
