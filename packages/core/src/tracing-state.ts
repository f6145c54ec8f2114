import type { TracingState } from './types.js';

/**
 * Global contract between `@ecotrace/tracing` (writer) and `@ecotrace/logger` (reader).
 * `Symbol.for` so it holds even when two copies of the packages are installed.
 */
export const TRACING_STATE_SYMBOL: unique symbol = Symbol.for('ecotrace.tracing') as never;

type GlobalWithState = typeof globalThis & { [TRACING_STATE_SYMBOL]?: TracingState };

/**
 * The state `startTracing()` published, or undefined when tracing is not running.
 *
 * @example
 * ```ts
 * if (getTracingState()?.started && !trace.getActiveSpan()) warnOnce('trace headers but no active span');
 * ```
 */
export function getTracingState(): TracingState | undefined {
  const state = (globalThis as GlobalWithState)[TRACING_STATE_SYMBOL];
  return state !== null && typeof state === 'object' && state.started === true ? state : undefined;
}

/**
 * Publishes (or, with undefined, clears) the tracing state. Called by `startTracing()` and its shutdown.
 *
 * @example
 * ```ts
 * setTracingState({ started: true, serviceName: 'checkout' });
 * setTracingState(undefined);
 * ```
 */
export function setTracingState(state: TracingState | undefined): void {
  const g = globalThis as GlobalWithState;
  if (state === undefined) delete g[TRACING_STATE_SYMBOL];
  else g[TRACING_STATE_SYMBOL] = state;
}

/**
 * Marks SIGTERM/SIGINT listeners that belong to ecotrace packages (logger flush, tracing flush),
 * so each can tell them apart from the application's own listeners. Contract: a marked listener
 * never exits while another listener exists, except tracing's, which, after flushing spans,
 * exits (128 + signal) when every remaining listener is marked — i.e. when without ecotrace the
 * signal would have killed the process.
 *
 * @example
 * ```ts
 * const onSignal = () => flush();
 * Object.assign(onSignal, { [SIGNAL_HANDLER_MARK]: true });
 * process.on('SIGTERM', onSignal);
 * ```
 */
export const SIGNAL_HANDLER_MARK: unique symbol = Symbol.for('ecotrace.signal-handler') as never;
