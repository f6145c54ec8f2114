import type { Logger } from 'pino';
import format from 'quick-format-unescaped';
import { currentRequestContext } from '../context/request-context.js';
import { currentTraceIds, type TraceIds } from '../context/trace-fields.js';
import { BOUND_KEYS, type EcotraceLogger, LINE_OVERHEAD_BYTES, STATE } from '../internal-types.js';
import { msgPrefixOf, type Serializers, serializersOf } from '../pino-internals.js';
import type { Redactor } from '../redact/redactor.js';
import { quoteJson } from '../serialize/json-string.js';
import { toSafeJson } from '../serialize/safe-json.js';
import { trimTrailingNewlines } from '../serialize/truncate.js';
import { expandDottedCustomKeys } from './expand-dotted.js';
import type { FieldContext } from './field-context.js';
import { capLine, lineText, surelyFits } from './line-cap.js';
import { LineFields } from './line-fields.js';
import {
  addCallerField,
  addError,
  displace,
  finishCollected,
  isCustomKey,
  needsExpansion,
} from './mapping-rules.js';
import { timestampField } from './timestamp.js';
import { addTrustedFields, TrustedFields } from './trusted-fields.js';

const formatOptions = {
  stringify: (value: unknown) =>
    toSafeJson(value, { redactor: undefined, path: '', depth: 0 }) ?? '',
};

function isErrorLike(value: unknown): value is Error {
  return value instanceof Error;
}

function messageText(args: unknown[], from: number): string | undefined {
  const m = args[from];
  if (m === undefined) return undefined;
  if (typeof m === 'string') {
    return from + 1 < args.length ? format(m, args.slice(from + 1), formatOptions) : m;
  }
  if (typeof m === 'object' && m !== null) return formatOptions.stringify(m);
  return String(m);
}

const REQUEST_ID_KEY = 'http.request.id';

/** An error's message as the line's message: error text, so secrets inside it are censored. */
function errorMessage(redactor: Redactor | undefined, err: Error): string {
  const text = String(read(err, 'message') ?? '');
  return redactor === undefined ? text : redactor.scrubText(text);
}

function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return '[Unreadable]';
  }
}

/** `value` through the logger's serializer for `key` (not `err`: errors are ours), if any. */
function serialized(serializers: Serializers | undefined, key: string, value: unknown): unknown {
  const serializer = key === 'err' ? undefined : serializers?.[key];
  if (serializer === undefined) return value;
  try {
    return serializer(value);
  } catch {
    return '[Unreadable]';
  }
}

// `,"log.level":"info"` per level label, built once (custom levels included).
const levelFields = new Map<string, string>();

function levelField(logger: Logger, level: number): string {
  const label = logger.levels.labels[level] ?? String(level);
  let field = levelFields.get(label);
  if (field === undefined) {
    field = `,"log.level":${JSON.stringify(label)}`;
    if (levelFields.size < 100) levelFields.set(label, field);
  }
  return field;
}

/** The message as the line carries it: after the child's `msgPrefix`, without trailing newlines. */
function messageAsWritten(logger: Logger, message: string): string {
  const prefix = msgPrefixOf(logger);
  return trimTrailingNewlines(typeof prefix === 'string' ? prefix + message : message);
}

/** Adds the trace fields: `trace.id`, `span.id`, then `transaction.id` when known. */
function addTraceFields(fields: LineFields, ids: TraceIds): void {
  fields.add('trace.id', ids.traceJson, '"trace.id"');
  fields.add('span.id', ids.spanJson, '"span.id"');
  if (ids.transactionId) {
    fields.add('transaction.id', JSON.stringify(ids.transactionId), '"transaction.id"');
  }
}

/** What {@link addTraceFields} adds, as JSON text, for a line whose keys are known to be free. */
function traceFieldsText(ids: TraceIds): string {
  const text = `,"trace.id":${ids.traceJson},"span.id":${ids.spanJson}`;
  return ids.transactionId ? `${text},"transaction.id":${JSON.stringify(ids.transactionId)}` : text;
}

/**
 * A `(TrustedFields, message)` line (the access line) built as text in one go, when no rule
 * could change one of its pairs: the logger's bindings and redactor leave every key alone, no
 * field comes from outside the set, and the line surely fits the cap. (Bindings never hold the
 * trace keys: normalize-bindings.ts displaces them.) It is then exactly what the general path
 * writes (trusted-fields.test.ts compares them), without its per-pair checks (~0.7 µs of an
 * access line's ~2.4 µs, measured 2026-11). Undefined sends the line down the general path.
 */
function plainTrustedLine(
  self: EcotraceLogger,
  head: string,
  ids: TraceIds | undefined,
  trusted: TrustedFields,
  args: unknown[],
): string | undefined {
  const message = args[1];
  if (args.length !== 2 || typeof message !== 'string' || trusted.extra !== undefined) {
    return undefined;
  }
  const state = self[STATE];
  const set = trusted.set;
  // A request's child binds `http.request.id`, a key of the set its access line then leaves out.
  const clashes = set.clashesWith(self[BOUND_KEYS]);
  if (clashes.size !== 0) for (const key of trusted.keys) if (clashes.has(key)) return undefined;
  if (set.censoredBy(state.redactor).size !== 0) return undefined;
  let traceText = '';
  if (ids !== undefined) {
    if (set.sharesTraceRoots) return undefined;
    traceText = traceFieldsText(ids);
  }
  const messageJson = quoteJson(messageAsWritten(self, message));
  const text = lineText(head, messageJson, traceText + trusted.fragment);
  return surelyFits(text, self[LINE_OVERHEAD_BYTES], state.maxLineBytes) ? text : undefined;
}

/**
 * Turns one log call's arguments into the text pino writes between `{` and the logger's
 * bindings: `"@timestamp":…,"log.level":…,"message":…` then trace, error and caller fields,
 * all mapping-safe and within the line cap. Accepts pino's call forms: `(msg, ...interp)`,
 * `(obj, msg?, ...interp)`, `(err, msg?)`, `({ err })`, `({ error })`, and the library's own
 * `(TrustedFields, msg?)` (the HTTP access line).
 */
export function buildLine(logger: Logger, args: unknown[], level: number): string {
  const self = logger as EcotraceLogger;
  const state = self[STATE];
  const head = timestampField() + levelField(logger, level);
  const first = args[0];
  const trusted = first instanceof TrustedFields ? first : undefined;
  // Library lines about a request (the access line) name it; others belong to the current one.
  const request = trusted?.context ?? currentRequestContext();
  const ids = state.traceCorrelation ? currentTraceIds(request) : undefined;
  if (trusted !== undefined) {
    const plain = plainTrustedLine(self, head, ids, trusted, args);
    if (plain !== undefined) return plain;
  }

  const fields = new LineFields(self[BOUND_KEYS]);
  const ctx: FieldContext = {
    fields,
    redactor: state.redactor,
    traced: false,
    keyCache: state.keyCache,
  };
  if (ids !== undefined) {
    ctx.traced = true;
    addTraceFields(fields, ids);
  }
  // Inside a request every line carries the request's id, whichever logger writes it: a module's
  // logger made at import time does not bind it as the request's own logger does.
  const requestId = trusted === undefined ? request?.requestId : undefined;
  if (requestId !== undefined && self[BOUND_KEYS]?.keys.has(REQUEST_ID_KEY) !== true) {
    addCallerField(ctx, REQUEST_ID_KEY, requestId);
  }

  let message: string | undefined;
  let messageFromObject = false;
  if (trusted !== undefined) {
    addTrustedFields(ctx, trusted);
    const extra = trusted.extra;
    if (extra !== undefined)
      for (const key of Object.keys(extra)) addCallerField(ctx, key, extra[key]);
    message = messageText(args, 1);
  } else if (isErrorLike(first)) {
    addError(ctx, 'err', first);
    message = messageText(args, 1) ?? errorMessage(state.redactor, first);
  } else if (typeof first === 'object' && first !== null) {
    message = messageText(args, 1);
    let keys: string[];
    try {
      keys = Object.keys(first);
    } catch {
      keys = [];
      fields.displace('unreadable', '"[Unreadable]"');
    }
    if (message === undefined) {
      const own = read(first, 'message');
      if (typeof own === 'string') {
        message = own;
        messageFromObject = true;
      } else {
        const err = read(first, 'err') ?? read(first, 'error');
        if (isErrorLike(err)) message = errorMessage(state.redactor, err);
      }
    }
    const serializers = serializersOf(logger);
    let dotted = false;
    for (const key of keys) if (needsExpansion(ctx, key)) dotted = true;
    if (!dotted) {
      for (const key of keys) {
        if (key === 'message' && messageFromObject) continue;
        addCallerField(ctx, key, serialized(serializers, key, read(first, key)));
      }
    } else {
      // Rare: dotted custom keys are expanded and merged with their nested spelling first.
      const entries = expandDottedCustomKeys(
        first,
        keys,
        (root) => isCustomKey(ctx, root),
        (path, value) => displace(ctx, path, value),
      );
      for (const [key, value] of entries) {
        if (key === 'message' && messageFromObject) continue;
        addCallerField(ctx, key, serialized(serializers, key, value));
      }
    }
  } else {
    message = messageText(args, first === null ? 1 : 0);
  }
  finishCollected(ctx);
  return capLine(
    {
      head,
      message: message === undefined ? undefined : messageAsWritten(logger, message),
      fields,
      tags: ctx.tags,
    },
    self[LINE_OVERHEAD_BYTES],
    state.maxLineBytes,
  );
}

/** The line written when building the real one failed in a way nothing above anticipated. */
export function fallbackLine(logger: Logger, level: number): string {
  const label = logger.levels.labels[level] ?? String(level);
  return `${timestampField()},"log.level":${JSON.stringify(label)},"message":"[ecotrace: this log call could not be serialized]","tags":["log_serialization_failed"]`;
}
