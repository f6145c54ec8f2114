import { SIGNAL_HANDLER_MARK, signalExitCode } from '@ecotrace/core';
import type { Logger } from 'pino';

interface Flushable {
  flushSync?(): void;
}

const streams = new Set<Flushable>();
let installed = false;
let fatalLogger: (() => Logger | undefined) | undefined;

function flushAll(): void {
  for (const stream of streams) {
    try {
      stream.flushSync?.();
    } catch {
      // EPIPE, or a stream not yet open: nothing more can be written to it.
    }
  }
}

function onSignal(signal: 'SIGTERM' | 'SIGINT'): void {
  flushAll();
  // Our listener is the only one: without it Node would have died of the signal, so exit the
  // way a shell reports that (128 + signal number). With an app listener, the app decides.
  if (process.listenerCount(signal) === 1) process.exit(signalExitCode(signal));
}

// Lets @ecotrace/tracing tell this flush from the app's own listeners (contract in @ecotrace/core).
Object.assign(onSignal, { [SIGNAL_HANDLER_MARK]: true });

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', flushAll);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // The monitor runs before Node's default crash handling and does not change it.
  process.on('uncaughtExceptionMonitor', (err, origin) => {
    try {
      fatalLogger?.()?.fatal({ err, 'ecotrace.origin': origin }, 'uncaught exception');
    } catch {
      // The crash report must not itself crash differently.
    }
    flushAll();
  });
}

/**
 * Makes sure every line written to `stream` reaches it before the process ends: on normal
 * exit and `process.exit()`, on SIGTERM/SIGINT (flush, then let the app's own listener run,
 * or exit 128+signal when there is none), and after an uncaught exception (the fatal line is
 * written with the logger `rootLogger()` returns, synchronously).
 */
export function flushOnExit(stream: Flushable, rootLogger: () => Logger | undefined): void {
  streams.add(stream);
  fatalLogger = rootLogger;
  install();
}
