import { inspect } from 'node:util';
import { SIGNAL_HANDLER_MARK } from '@ecotrace/core';

type Listener = ((...args: unknown[]) => unknown) & { [SIGNAL_HANDLER_MARK]?: boolean };

export interface ExitFlush {
  /** Exports what is buffered; resolves within its own bound, never rejects. */
  flush(): Promise<void>;
  /** Spans ended since the last flush began. */
  pending(): boolean;
}

/**
 * The exits without a signal:
 * - `beforeExit` (the event loop ran dry: a job or CLI that simply ends): flush what is pending.
 *   The flush's bounded timer keeps the process up at most that long; when it is done the loop
 *   is dry again and Node emits `beforeExit` once more, where nothing is pending, so the process
 *   ends. A process that would not have ended never gets here: nothing is kept alive.
 * - an uncaught exception (and an unhandled rejection, which Node turns into one): when no other
 *   `uncaughtException` listener exists, do what Node would have done (print the error, exit 1),
 *   after the bounded flush. When the app has its own listener, the app decides; we only flush.
 * `process.exit()` called by the app cannot be waited for ('exit' listeners run synchronously):
 * await `shutdownTracing()` before it.
 */
export function flushOnExitPaths(target: ExitFlush): () => void {
  let crashing = false;
  const onBeforeExit = (): void => {
    if (target.pending()) void target.flush();
  };
  const onUncaught = ((error: unknown, origin: string) => {
    const others = process
      .listeners('uncaughtException')
      .filter((l) => l !== onUncaught && (l as Listener)[SIGNAL_HANDLER_MARK] !== true);
    if (others.length > 0) {
      void target.flush();
      return;
    }
    if (crashing) return;
    crashing = true;
    try {
      const what = origin === 'unhandledRejection' ? 'Unhandled promise rejection' : 'Uncaught';
      process.stderr.write(`${what}: ${inspect(error)}\n\nNode.js ${process.version}\n`);
    } catch {
      // stderr gone: still exit the way Node would
    }
    process.exitCode = 1;
    void target.flush().finally(() => process.exit(1));
  }) as Listener;
  onUncaught[SIGNAL_HANDLER_MARK] = true;
  process.on('beforeExit', onBeforeExit);
  process.on('uncaughtException', onUncaught);
  return () => {
    process.off('beforeExit', onBeforeExit);
    process.off('uncaughtException', onUncaught);
  };
}
