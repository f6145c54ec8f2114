import pino, { type Logger } from 'pino';
import format from 'quick-format-unescaped';
import { type EcotraceLogger, FIXED_BYTES, STATE } from '../internal-types.js';
import { BOUND_KEYS } from '../serialize/bound-keys.js';
import {
  addCallerField,
  addError,
  displace,
  type FieldContext,
  finishCollected,
  isCustomKey,
} from '../serialize/caller-fields.js';
import { expandDottedCustomKeys } from '../serialize/expand-dotted.js';
import { LineFields } from '../serialize/line-fields.js';
import { toSafeJson } from '../serialize/safe-json.js';
import { trimTrailingNewlines } from '../serialize/truncate.js';
import { addTrustedFields, TrustedFields } from '../serialize/trusted-fields.js';
import { currentTraceIds } from '../trace/trace-fields.js';
import { capLine } from './line-cap.js';
import { timestampField } from './timestamp.js';

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

function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return '[Unreadable]';
  }
}

// pino keeps a child's `msgPrefix` and `serializers` options under these symbols; the write
// path we bypass would apply them, so we do.
// (`msgPrefixSym` is exported by pino 9.2+ and 10 but missing from its type declarations.)
const MSG_PREFIX = (pino.symbols as unknown as Record<string, symbol>).msgPrefixSym!;
const SERIALIZERS = pino.symbols.serializersSym;
type Serializers = Record<string, ((value: unknown) => unknown) | undefined>;

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
  const fields = new LineFields(self[BOUND_KEYS]);
  const ctx: FieldContext = {
    fields,
    redactor: state.redactor,
    traced: false,
    keyCache: state.keyCache,
  };

  const first = args[0];
  if (state.traceCorrelation) {
    // Library lines about a request (the access line) name it; others use the current one.
    const ids = currentTraceIds(first instanceof TrustedFields ? first.context : undefined);
    if (ids !== undefined) {
      ctx.traced = true;
      fields.add('trace.id', ids.traceJson, '"trace.id"');
      fields.add('span.id', ids.spanJson, '"span.id"');
      if (ids.transactionId) {
        fields.add('transaction.id', JSON.stringify(ids.transactionId), '"transaction.id"');
      }
    }
  }

  let message: string | undefined;
  let messageFromObject = false;
  if (first instanceof TrustedFields) {
    addTrustedFields(ctx, first);
    const extra = first.extra;
    if (extra !== undefined)
      for (const key of Object.keys(extra)) addCallerField(ctx, key, extra[key]);
    message = messageText(args, 1);
  } else if (isErrorLike(first)) {
    addError(ctx, 'err', first);
    message = messageText(args, 1) ?? String(read(first, 'message') ?? '');
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
        if (isErrorLike(err)) message = String(read(err, 'message') ?? '');
      }
    }
    const serializers = (logger as unknown as Record<symbol, Serializers | undefined>)[SERIALIZERS];
    let dotted = false;
    for (const key of keys) if (key.includes('.')) dotted = true;
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
  const prefix = (logger as unknown as Record<symbol, unknown>)[MSG_PREFIX];
  if (typeof prefix === 'string' && message !== undefined) message = prefix + message;
  return capLine(
    {
      head,
      message: message === undefined ? undefined : trimTrailingNewlines(message),
      fields,
      tags: ctx.tags,
    },
    self[FIXED_BYTES],
    state.maxLineBytes,
  );
}

/** The line written when building the real one failed in a way nothing above anticipated. */
export function fallbackLine(logger: Logger, level: number): string {
  const label = logger.levels.labels[level] ?? String(level);
  return `${timestampField()},"log.level":${JSON.stringify(label)},"message":"[ecotrace: this log call could not be serialized]","tags":["log_serialization_failed"]`;
}
