import { channel } from 'node:diagnostics_channel';
import pino, { type Logger } from 'pino';

// pino's own symbols (exported as `pino.symbols`; some are missing from its type declarations).
const SYM = pino.symbols as unknown as Record<string, symbol>;
const LEVEL_HEAD = SYM.lsCacheSym!;
const CHINDINGS = SYM.chindingsSym!;
const END = SYM.endSym!;
const STREAM = SYM.streamSym!;
const FORMATTERS = SYM.formattersSym!;
const NEEDS_METADATA = SYM.needsMetadataGsym!;

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
