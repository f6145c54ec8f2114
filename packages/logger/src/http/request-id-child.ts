import type { ChildLoggerOptions, Logger } from 'pino';
import { registerBindings } from '../child.js';
import { BOUND_KEYS, type EcotraceLogger, type LoggerState, STATE } from '../internal-types.js';
import { type BoundKeys, clashesWithBound } from '../line/bound-keys.js';
import { censorsEcsString } from '../redact/redactor.js';
import { rememberLast } from '../remember-last.js';
import { quoteJson } from '../serialize/json-string.js';

const KEY = 'http.request.id';
const KEYS = [KEY];
const WRAPPER_BYTES = '{"http.request.id":}'.length;
// Longer ids (only possible with an app's own genReqId) take the general path and its limits.
const MAX_ID_CHARS = 256;

// Whether the key is free in a parent's bindings and not censored by its redactor. Every request
// derives from the same parent, so the last parent's verdict is kept.
const keyIsPlain = rememberLast(
  (bound: BoundKeys | undefined, state: LoggerState): boolean =>
    !clashesWithBound(bound, KEY) && !censorsEcsString(state.redactor, KEY, 'keyword'),
);

/**
 * `logger.child({ 'http.request.id': id })` for the per-request loggers of the HTTP
 * integrations. The id is a short string bound under a key whose ECS type (keyword) it fits,
 * so when the key is free and not redacted the general bindings pass (normalizeBindings) has
 * nothing to do; skipping it saved ~3.5 µs of the ~6 µs a request child cost. Anything else,
 * or a logger not made by createLogger, goes through `child()` as usual.
 */
export function bindRequestId(
  logger: Logger,
  requestId: string,
  options?: ChildLoggerOptions,
): Logger {
  const self = logger as EcotraceLogger;
  // Undefined for a logger not made by createLogger.
  const state = self[STATE] as LoggerState | undefined;
  const bound = self[BOUND_KEYS];
  if (
    state === undefined ||
    typeof requestId !== 'string' ||
    requestId.length > MAX_ID_CHARS ||
    !keyIsPlain(bound, state)
  ) {
    return logger.child({ [KEY]: requestId }, options);
  }
  const created = state.pinoChild.call(
    self,
    { 'http.request.id': requestId },
    options,
  ) as EcotraceLogger;
  // `{"http.request.id":<id>}`, as child() counts a binding's bytes.
  registerBindings(self, created, KEYS, WRAPPER_BYTES + Buffer.byteLength(quoteJson(requestId)));
  return created;
}
