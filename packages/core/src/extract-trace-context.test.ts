import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractTraceContext, TRACE_CONTEXT_HEADERS } from './extract-trace-context.js';
import type { TraceContextExtraction } from './types.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The contract's vectors (docs/trace-context.md describes the rules and the file's fields).
const vectorsPath = resolve(packageDir, 'test/b3-vectors.json');

interface Vector {
  name: string;
  headers: Record<string, string>;
  expect: TraceContextExtraction;
}

const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vector[];

describe('extractTraceContext: test/b3-vectors.json', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(20);
  });
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    expect(extractTraceContext(vector.headers)).toEqual(vector.expect);
  });
});

describe('extractTraceContext: inputs beyond the vectors', () => {
  const T = '463ac35c9f6413ad48485a3953bb6124';
  const S = 'a2fb4a1d1a96d312';

  it('takes the first element of array values (R0)', () => {
    const got = extractTraceContext({
      'x-b3-traceid': [T, 'ffff'],
      'x-b3-spanid': [S],
      'x-b3-sampled': ['1', '0'],
    });
    expect(got).toEqual({ valid: true, traceId: T, spanId: S, sampled: true, debug: false });
  });

  it('rejects 0x prefixes, inner whitespace and 5-field b3', () => {
    expect(extractTraceContext({ 'x-b3-traceid': `0x${T.slice(2)}`, 'x-b3-spanid': S }).valid).toBe(
      false,
    );
    expect(
      extractTraceContext({ 'x-b3-traceid': `${T.slice(0, 8)} ${T.slice(9)}`, 'x-b3-spanid': S })
        .valid,
    ).toBe(false);
    expect(extractTraceContext({ b3: `${T}-${S}-1-${S}-x` }).valid).toBe(false);
    expect(extractTraceContext({ b3: `${T}-${S}-D` }).valid).toBe(false);
  });

  it('keeps a traceparent sampled bit and drops B3 sampling-only state (R6)', () => {
    const got = extractTraceContext({ 'x-b3-sampled': '1', traceparent: `00-${T}-${S}-00` });
    expect(got).toEqual({ valid: true, traceId: T, spanId: S, sampled: false, debug: false });
  });

  it('applies OTel traceparent rules: uppercase, version ff and 00 with extra fields are invalid', () => {
    expect(extractTraceContext({ traceparent: `00-${T.toUpperCase()}-${S}-01` }).valid).toBe(false);
    expect(extractTraceContext({ traceparent: `ff-${T}-${S}-01` }).valid).toBe(false);
    expect(extractTraceContext({ traceparent: `00-${T}-${S}-01-extra` }).valid).toBe(false);
    expect(extractTraceContext({ traceparent: `01-${T}-${S}-01-extra` }).valid).toBe(true);
    expect(extractTraceContext({ traceparent: ` 00-${T}-${S}-01 ` }).valid).toBe(true);
  });

  it('returns the empty result for non-record inputs', () => {
    const empty = { valid: false, traceId: null, spanId: null, sampled: null, debug: false };
    for (const input of [null, undefined, 42, 'x-b3-traceid', Symbol('h')]) {
      expect(extractTraceContext(input as never)).toEqual(empty);
    }
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    expect(extractTraceContext(throwing)).toEqual(empty);
  });

  it('handles megabyte-sized values without choking', () => {
    const huge = 'a'.repeat(1_000_000);
    const got = extractTraceContext({
      b3: `${huge}-${S}`,
      'x-b3-traceid': huge,
      'x-b3-spanid': S,
      traceparent: huge,
    });
    expect(got.valid).toBe(false);
  });
});

describe('extractTraceContext: properties', () => {
  const headerName = fc.constantFrom(
    'b3',
    'x-b3-traceid',
    'x-b3-spanid',
    'x-b3-sampled',
    'x-b3-flags',
    'traceparent',
    'x-other',
  );
  const hexish = fc.stringMatching(/^[0-9a-fA-F -]{0,70}$/);
  const value = fc.oneof(
    fc.string(),
    hexish,
    fc.array(fc.oneof(fc.string(), hexish), { maxLength: 3 }),
    fc.constant(undefined),
    fc.anything(),
  );

  it('never throws and always returns the documented shape with lowercase ids', () => {
    fc.assert(
      fc.property(fc.dictionary(headerName, value), (headers) => {
        const got = extractTraceContext(headers as never);
        expect(Object.keys(got).sort()).toEqual(['debug', 'sampled', 'spanId', 'traceId', 'valid']);
        expect(typeof got.valid).toBe('boolean');
        expect(typeof got.debug).toBe('boolean');
        expect([true, false, null]).toContain(got.sampled);
        if (got.debug) expect(got.sampled).toBe(true);
        if (got.valid) {
          expect(got.traceId).toMatch(/^[0-9a-f]{32}$/);
          expect(got.spanId).toMatch(/^[0-9a-f]{16}$/);
          expect(got.traceId).not.toBe('0'.repeat(32));
        } else {
          expect(got.traceId).toBeNull();
          expect(got.spanId).toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts any valid multi-header ids in any case and returns them lowercase', () => {
    const hex = (n: number) =>
      fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`)).filter((s) => /[1-9a-fA-F]/.test(s));
    fc.assert(
      fc.property(fc.oneof(hex(16), hex(32)), hex(16), (traceId, spanId) => {
        const got = extractTraceContext({ 'x-b3-traceid': traceId, 'x-b3-spanid': spanId });
        expect(got.valid).toBe(true);
        expect(got.traceId).toBe(traceId.toLowerCase().padStart(32, '0'));
        expect(got.spanId).toBe(spanId.toLowerCase());
        expect(got.sampled).toBeNull();
      }),
    );
  });
});

describe('TRACE_CONTEXT_HEADERS', () => {
  it('is exactly the set of headers extractTraceContext looks up', () => {
    // B3 without ids makes the contract read every header, traceparent last.
    const looked = new Set<string | symbol>();
    const headers = new Proxy<Record<string, string>>(
      { 'x-b3-sampled': '1', traceparent: 'not-valid' },
      {
        getOwnPropertyDescriptor(target, key) {
          looked.add(key);
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
        get(target, key) {
          looked.add(key);
          return Reflect.get(target, key);
        },
        has(target, key) {
          looked.add(key);
          return Reflect.has(target, key);
        },
      },
    );
    extractTraceContext(headers);
    expect([...looked].sort()).toEqual([...TRACE_CONTEXT_HEADERS].sort());
    expect(Object.isFrozen(TRACE_CONTEXT_HEADERS)).toBe(true);
  });
});
