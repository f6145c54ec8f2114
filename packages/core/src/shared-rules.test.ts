import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  firstHeaderValue,
  inboundRequestId,
  isValidSpanId,
  isValidTraceId,
  parseSpanId,
  parseTraceId,
  requestIdFrom,
  signalExitCode,
} from './index.js';

describe('firstHeaderValue (R0)', () => {
  it('takes the first of values Node joined or gave as an array, trimmed', () => {
    expect(firstHeaderValue('abc-1, abc-2')).toBe('abc-1');
    expect(firstHeaderValue(['\t x ', 'y'])).toBe('x');
    expect(firstHeaderValue(' ,b')).toBeUndefined();
    expect(firstHeaderValue(undefined)).toBeUndefined();
    expect(firstHeaderValue(42)).toBeUndefined();
  });
});

describe('request ids', () => {
  it('keeps only the first well-formed inbound x-request-id', () => {
    expect(inboundRequestId({ 'x-request-id': 'abc-1, abc-2' })).toBe('abc-1');
    expect(inboundRequestId({ 'x-request-id': ['abc-1', 'abc-2'] })).toBe('abc-1');
    expect(inboundRequestId({ 'x-request-id': 'a b' })).toBeUndefined();
    expect(inboundRequestId({})).toBeUndefined();
    expect(inboundRequestId(undefined)).toBeUndefined();
  });
  it('survives a carrier whose getter throws', () => {
    const headers = Object.defineProperty({}, 'x-request-id', {
      get() {
        throw new Error('boom');
      },
    });
    expect(inboundRequestId(headers)).toBeUndefined();
    expect(requestIdFrom(headers)).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('requestIdFrom generates a UUID when nothing usable came in', () => {
    expect(requestIdFrom({ 'x-request-id': 'abc-1, abc-2' })).toBe('abc-1');
    const a = requestIdFrom({});
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(requestIdFrom({})).not.toBe(a);
  });
});

describe('id validity', () => {
  it('accepts ids only as written: lowercase hex, exact length, not all zeros', () => {
    expect(isValidTraceId('4bf92f3577b34da6a3ce929d0e0e4736')).toBe(true);
    expect(isValidTraceId('4BF92F3577B34DA6A3CE929D0E0E4736')).toBe(false);
    expect(isValidTraceId('0'.repeat(32))).toBe(false);
    expect(isValidTraceId('4bf92f3577b34da6')).toBe(false);
    expect(isValidTraceId(42)).toBe(false);
    expect(isValidSpanId('00f067aa0ba902b7')).toBe(true);
    expect(isValidSpanId('0'.repeat(16))).toBe(false);
    expect(isValidSpanId('00f067aa0ba902b')).toBe(false);
  });
  it('parses any-case header ids to the written form, 64-bit trace ids padded', () => {
    expect(parseTraceId('4BF92F3577B34DA6')).toBe(`${'0'.repeat(16)}4bf92f3577b34da6`);
    expect(parseTraceId('0'.repeat(16))).toBeNull();
    expect(parseSpanId('00F067AA0BA902B7')).toBe('00f067aa0ba902b7');
  });
});

describe('signalExitCode', () => {
  it('is 128 + the signal number', () => {
    expect(signalExitCode('SIGTERM')).toBe(143);
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('NOPE')).toBe(128);
  });
});

describe('warnOnce', () => {
  it('warns once per code per process, across two copies of the module', () => {
    // Two separate module instances (the ESM and CJS builds) share the registry on globalThis.
    const script = `
      const { warnOnce } = require(${JSON.stringify(fileURLToPath(new URL('../dist/index.cjs', import.meta.url)))});
      import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)}).then((esm) => {
        warnOnce('ECOTRACE_TEST', 'first');
        esm.warnOnce('ECOTRACE_TEST', 'second');
        warnOnce('ECOTRACE_OTHER', 'third');
      });`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stderr.match(/EcotraceWarning/g)?.length).toBe(2);
    expect(child.stderr).toContain('[ECOTRACE_TEST] EcotraceWarning: first');
    expect(child.stderr).toContain('[ECOTRACE_OTHER] EcotraceWarning: third');
    expect(child.stderr).not.toContain('second');
  });
});
