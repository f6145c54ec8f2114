// Issue 8, "Collector-safe output": lines written by a real child process to a real stdout pipe,
// wrapped the way containerd does, parsed back the way Fluent Bit's CRI parser does, merged
// (Merge_Log) and stored as msgpack. Nothing collides with the collector's keys, truncation
// never leaves half a surrogate pair, no message ends with a newline, and every number
// survives (see cri.ts for what is emulated and why).
import { decode, encode } from '@msgpack/msgpack';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecsErrors } from '../helpers/capture.js';
import {
  CRI_KEYS,
  CRI_MAX_CONTENT_BYTES,
  criParse,
  criWrap,
  mergeLog,
  numberTokens,
} from './cri.js';
import { runFixture } from './run-fixture.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

let lines: string[] = [];
const byMessage = (m: string) => lines.filter((l) => JSON.parse(l).message === m);

beforeAll(async () => {
  const child = runFixture('collector-lines.mjs', {});
  const { code } = await child.exited;
  expect(code).toBe(0);
  const out = child.stdout();
  expect(out.endsWith('\n')).toBe(true);
  lines = out.slice(0, -1).split('\n');
  expect(lines.length).toBeGreaterThan(20);
});

describe('the CRI emulation itself', () => {
  it('splits a long line into P … F at 16 KiB of bytes and joins it back exactly', () => {
    const line = `{"message":"${'😀'.repeat(10_000)}x"}`;
    const records = criWrap(line);
    expect(records.map((r) => r.split(' ')[2])).toEqual(['P', 'P', 'F']);
    const [parsed] = criParse(records);
    expect(parsed?.log).toBe(line);
    expect(parsed?._p).toBe('F');
  });
});

describe('our lines through containerd + Fluent Bit (emulated)', () => {
  it('every line: one F record, parsed back byte for byte, valid ECS', () => {
    for (const line of lines) {
      expect(Buffer.byteLength(line) + 1).toBeLessThanOrEqual(CRI_MAX_CONTENT_BYTES);
      const records = criWrap(line);
      expect(records).toHaveLength(1);
      expect(criParse(records)[0]?.log).toBe(line);
      expect(ecsErrors(line)).toEqual([]);
    }
  });

  it('no top-level time/stream/_p/log: the caller’s are moved, the collector’s survive Merge_Log', () => {
    for (const line of lines) {
      const [record] = criParse(criWrap(line));
      const { merged, collisions } = mergeLog(record as NonNullable<typeof record>);
      expect(collisions, line).toEqual([]);
      expect(merged._p).toBe('F');
      expect(merged.stream).toBe('stdout');
    }
    const moved = JSON.parse(byMessage('collector keys')[0] as string);
    expect(moved['ecotrace.displaced.time']).toBe('caller-time');
    expect(moved['ecotrace.displaced.stream']).toBe('caller-stream');
    expect(moved['ecotrace.displaced._p']).toBe('P');
    const bound = JSON.parse(byMessage('collector keys in bindings')[0] as string);
    expect(Object.keys(bound).filter((k) => (CRI_KEYS as readonly string[]).includes(k))).toEqual(
      [],
    );
  });

  it('no message ends with a newline or carriage return', () => {
    const messages = lines.map((l) => JSON.parse(l).message as string);
    for (const m of messages) expect(m, JSON.stringify(m)).not.toMatch(/[\r\n]$/);
    expect(messages).toContain('ends with LF');
    expect(messages).toContain('ends with CRLF');
    expect(messages).toContain('inner\nnewline');
    expect(messages).toContain('format arg');
  });

  it('truncation cuts by code point: no lone surrogate at any offset, truncated lines tagged', () => {
    const truncated = lines.filter((l) => l.includes('log_truncated'));
    expect(truncated.length).toBe(12);
    for (const line of lines) {
      expect(line).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
      for (const s of strings(JSON.parse(line))) expect(LONE_SURROGATE.test(s)).toBe(false);
    }
    for (const line of truncated) expect(JSON.parse(line).tags).toContain('log_truncated');
  });

  it('numbers: integer tokens are safe (beyond ±2^53 as strings), doubles keep 17 digits, msgpack round trip is exact', () => {
    let checked = 0;
    for (const line of lines) {
      for (const token of numberTokens(line)) {
        checked += 1;
        const n = Number(token);
        if (/^-?\d+$/.test(token)) {
          expect(Number.isSafeInteger(n), token).toBe(true);
        } else {
          // The text is JavaScript's shortest round-trip form: the double is fully described.
          expect(String(n), token).toBe(token);
        }
      }
      const [record] = criParse(criWrap(line));
      const { merged } = mergeLog(record as NonNullable<typeof record>);
      // Fluent Bit's record store: msgpack (float64 for doubles, int64 for integers).
      expect(decode(encode(merged, { useBigInt64: true }), { useBigInt64: true })).toEqual(merged);
    }
    expect(checked).toBeGreaterThan(20);
    const num = JSON.parse(byMessage('numbers')[0] as string).num;
    expect(num.beyond).toBe('9007199254740994');
    expect(num.huge).toBe('12345678901234567000');
    expect(num.big).toBe('18446744073709551617');
    expect(num.d17).toBe(0.30000000000000004);
    expect(num.safe).toBe(Number.MAX_SAFE_INTEGER);
    expect(num.exp).toBe(1.5e300);
    const nested = JSON.parse(byMessage('nested numbers')[0] as string).nested.deeper;
    expect(nested).toEqual({ id: '9007199254740993', n: '18014398509481984' });
  });
});
