// An emulation of what happens to a stdout line between the app and Elasticsearch, so the
// logger's own tests need no collector binary: containerd's CRI log format, Fluent Bit's `cri`
// parser and multiline reassembly, the kubernetes filter's Merge_Log, and the msgpack records
// Fluent Bit stores. Facts from the CRI logging spec and the Fluent Bit docs; the logger README
// ("Production hardening") says what is emulated. The real Fluent Bit runs the shipped config
// in examples/deploy/test/real/.

/** containerd splits a line longer than this many bytes into P (partial) … F (full) records. */
export const CRI_MAX_CONTENT_BYTES = 16 * 1024;

/** Keys the CRI parser puts on every record: a merged JSON key with these names replaces them. */
export const CRI_KEYS = ['time', 'stream', '_p', 'log'] as const;

/** RFC 3339 with nanoseconds, as containerd writes it. */
function rfc3339Nano(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/**
 * Wraps one stdout line (no newline) the way containerd does: one `F` record, or `P` records
 * of 16 KiB of bytes (possibly cutting a UTF-8 sequence) followed by an `F` record.
 */
export function criWrap(line: string, now = new Date()): string[] {
  const bytes = Buffer.from(line, 'utf8');
  const ts = rfc3339Nano(now);
  const out: string[] = [];
  for (let at = 0; ; at += CRI_MAX_CONTENT_BYTES) {
    const chunk = bytes.subarray(at, at + CRI_MAX_CONTENT_BYTES);
    const last = at + CRI_MAX_CONTENT_BYTES >= bytes.length;
    out.push(
      Buffer.concat([Buffer.from(`${ts} stdout ${last ? 'F' : 'P'} `), chunk]).toString('latin1'),
    );
    if (last) return out;
  }
}

// Fluent Bit's `cri` parser regex (named groups as in its parsers.conf).
const CRI_RE = /^(?<time>[^ ]+) (?<stream>stdout|stderr) (?<logtag>[^ ]*) (?<log>.*)$/s;

/** One reassembled record as Fluent Bit holds it before Merge_Log. */
export interface CriRecord {
  time: string;
  stream: string;
  _p: string;
  log: string;
}

/**
 * Parses CRI records back (latin1-decoded, so byte-split chunks rejoin exactly), joining
 * `P` chunks with the following `F` the way the multiline `cri` parser does.
 */
export function criParse(records: readonly string[]): CriRecord[] {
  const out: CriRecord[] = [];
  let pending: Buffer[] = [];
  for (const raw of records) {
    const m = CRI_RE.exec(raw);
    if (m?.groups === undefined) throw new Error(`not a CRI record: ${raw.slice(0, 80)}`);
    const g = m.groups as Record<string, string>;
    pending.push(Buffer.from(g.log as string, 'latin1'));
    if (g.logtag === 'P') continue;
    out.push({
      time: g.time as string,
      stream: g.stream as string,
      _p: g.logtag as string,
      log: Buffer.concat(pending).toString('utf8'),
    });
    pending = [];
  }
  if (pending.length > 0) throw new Error('P records without a final F record');
  return out;
}

/**
 * The kubernetes filter's Merge_Log: the JSON in `log` becomes top-level keys of the record.
 * Returns the merged record and the keys where the app's JSON collided with the collector's.
 */
export function mergeLog(record: CriRecord): {
  merged: Record<string, unknown>;
  collisions: string[];
} {
  const parsed = JSON.parse(record.log) as Record<string, unknown>;
  const collisions = Object.keys(parsed).filter((k) => (CRI_KEYS as readonly string[]).includes(k));
  return { merged: { ...record, ...parsed }, collisions };
}

/**
 * Number tokens of a JSON text (outside strings), as written. Fluent Bit reads a token with
 * no `.`/`e` as a 64-bit integer and any other as a double.
 */
export function numberTokens(json: string): string[] {
  const tokens: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (const m of json.matchAll(re)) if (m[0][0] !== '"') tokens.push(m[0]);
  return tokens;
}
