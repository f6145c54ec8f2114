import { describe, expect, it } from 'vitest';
import { buildRedactor } from '../redact/redactor.js';
import { LIMITS } from './limits.js';
import { toSafeJson } from './safe-json.js';

const scope = { redactor: undefined, path: '', depth: 0 };

describe('toSafeJson', () => {
  it('uses the plain JSON form when it is safe', () => {
    expect(toSafeJson({ a: [1, 'x', null], b: { c: true } }, scope)).toBe(
      '{"a":[1,"x",null],"b":{"c":true}}',
    );
    expect(toSafeJson(undefined, scope)).toBeUndefined();
    expect(toSafeJson(Number.NaN, scope)).toBe('null');
  });

  it('survives circular objects, BigInt, Symbols, throwing getters and proxies', () => {
    const circular: Record<string, unknown> = { n: 1n, s: Symbol('k') };
    circular.self = circular;
    expect(JSON.parse(toSafeJson(circular, scope)!)).toEqual({
      n: '1',
      s: 'Symbol(k)',
      self: '[Circular]',
    });

    const getter = {
      ok: 1,
      get bad() {
        throw new Error('nope');
      },
    };
    expect(JSON.parse(toSafeJson(getter, scope)!)).toEqual({ ok: 1, bad: '[Unreadable]' });

    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(toSafeJson(proxy, scope)).toBe('"[Unreadable]"');
    expect(toSafeJson({ p: proxy }, scope)).toBe('{"p":"[Unreadable]"}');
  });

  it('caps depth and string size', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const out = toSafeJson(deep, scope)!;
    expect(out).toContain('[Depth limit]');
    expect(out.split('{').length - 1).toBeLessThanOrEqual(LIMITS.maxDepth);
    expect(JSON.parse(toSafeJson('x'.repeat(100_000), scope)!)).toHaveLength(LIMITS.maxStringChars);
  });

  it('serializes Dates, Maps, Sets, buffers and errors readably', () => {
    const out = JSON.parse(
      toSafeJson(
        {
          d: new Date(0),
          bad: new Date(Number.NaN),
          m: new Map([['k', 1]]),
          s: new Set([1]),
          b: Buffer.from('hi'),
          e: new Error('x'),
          o: { ok: 1n },
        },
        scope,
      )!,
    );
    expect(out).toMatchObject({
      d: '1970-01-01T00:00:00.000Z',
      bad: null,
      m: { k: 1 },
      s: [1],
      b: '[Buffer 2 bytes]',
      e: { type: 'Error', message: 'x' },
    });
  });

  it('redacts by key at any depth, only when the fast text scan says it may be needed', () => {
    const redactor = buildRedactor({});
    const s = { ...scope, redactor };
    expect(toSafeJson({ a: { b: { token: 't', keep: 1 } } }, s)).toBe(
      '{"a":{"b":{"token":"[REDACTED]","keep":1}}}',
    );
    expect(toSafeJson({ note: 'my password is here' }, s)).toBe('{"note":"my password is here"}');
  });
});
