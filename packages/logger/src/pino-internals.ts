// Everything the logger knows about pino's insides, in one file: the symbols it reads, the
// prototype methods it wraps, the `timestamp` hand-off and the direct write. Checked against
// pino 9 (pino9.test.ts swaps it in) and pino 10; pino-internals.test.ts compares the direct write
// with pino's own write byte for byte.
import { channel } from 'node:diagnostics_channel';
import pino, { type Logger } from 'pino';
import { timestampField } from './line/timestamp.js';

// pino's own symbols (exported as `pino.symbols`; some are missing from its type declarations).
const SYM = pino.symbols as unknown as Record<string, symbol>;
const LEVEL_HEAD = SYM.lsCacheSym!;
const CHINDINGS = SYM.chindingsSym!;
const END = SYM.endSym!;
const STREAM = SYM.streamSym!;
const FORMATTERS = SYM.formattersSym!;
const NEEDS_METADATA = SYM.needsMetadataGsym!;
// A child's `msgPrefix` and `serializers` options: the write path we bypass would apply them, so
// we do (`msgPrefixSym` is exported by pino 9.2+ and 10 but missing from its type declarations).
const MSG_PREFIX = SYM.msgPrefixSym!;
const SERIALIZERS = SYM.serializersSym!;

/** A logger's serializers by key (pino's `serializers` option and its children's). */
export type Serializers = Record<string, ((value: unknown) => unknown) | undefined>;

/** The `msgPrefix` a child was made with (concatenated along the chain by pino), if any. */
export function msgPrefixOf(logger: Logger): unknown {
  return (logger as unknown as Record<symbol, unknown>)[MSG_PREFIX];
}

/** The serializers pino keeps for `logger`. */
export function serializersOf(logger: Logger): Serializers | undefined {
  return (logger as unknown as Record<symbol, Serializers | undefined>)[SERIALIZERS];
}

/** The destination stream pino writes `logger`'s lines to. */
export function streamOf(logger: Logger): unknown {
  return (logger as unknown as Record<symbol, unknown>)[STREAM];
}

/** pino's own `child` and `setBindings`, from the prototype of a logger pino made. */
export function pinoChildMethods(logger: Logger): {
  pinoChild: (this: Logger, bindings: object, options?: object) => Logger;
  pinoSetBindings: (this: Logger, bindings: object) => void;
} {
  const proto = Object.getPrototypeOf(logger) as Logger;
  return {
    pinoChild: proto.child as never,
    pinoSetBindings: proto.setBindings as never,
  };
}

// The line prefix built by the logMethod hook for the write pino is about to do. pino calls
// the `timestamp` option synchronously at the start of that write (lib/proto.js `write`), so a
// single module-level slot is enough: nothing can run between the hook and the write.
let pending: string | undefined;

/** Hands the next line's prefix to the `timestamp` option. */
export function setPendingPrefix(prefix: string): void {
  pending = prefix;
}

/**
 * pino's `timestamp` option: returns (and clears) the prefix the hook built; a bare
 * `@timestamp` when pino calls it outside a log call (it does once, at construction).
 */
export function takePendingPrefix(): string {
  const out = pending;
  pending = undefined;
  return out ?? timestampField();
}

// pino 10 publishes each serialization on the `pino_asJson` tracing channel (APM agents
// subscribe); while anyone listens, lines go through pino's own write so they see them.
const asJsonStart = channel('tracing:pino_asJson:start');
const asJsonEnd = channel('tracing:pino_asJson:end');

interface PinoInternals {
  [key: symbol]: unknown;
}

interface Writable {
  write(line: string): unknown;
  [key: symbol]: unknown;
}

/**
 * Writes the line whose text between `{` and the bindings is `prefix` straight to the logger's
 * stream, producing exactly the bytes pino's write would: its cached level head (`{`, since the
 * level formatter returns nothing), the prefix, the bindings pino serialized once, its line end.
 *
 * pino's own path (`LOG` → `write` → `asJson`) would add nothing to such a line but costs
 * ~20% of our per-line work (an empty object, a key loop, a diagnostics check, the timestamp
 * hand-off). Returns false, writing nothing, whenever that path would add something: a stream
 * that needs metadata (pino.multistream), a child `formatters.log`, or a diagnostics subscriber.
 */
export function writeDirect(logger: Logger, level: number, prefix: string): boolean {
  const self = logger as unknown as PinoInternals;
  const stream = self[STREAM] as Writable;
  if (stream[NEEDS_METADATA] === true) return false;
  if ((self[FORMATTERS] as { log?: unknown }).log !== undefined) return false;
  if (asJsonStart.hasSubscribers || asJsonEnd.hasSubscribers) return false;
  const head = (self[LEVEL_HEAD] as Record<number, string>)[level];
  if (head !== '{') return false;
  try {
    stream.write(head + prefix + (self[CHINDINGS] as string) + (self[END] as string));
  } catch {
    // A destroyed stream: the line cannot be written anywhere, and logging never throws.
  }
  return true;
}
