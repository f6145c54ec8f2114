import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from '../src/http/client-ip.js';
import { pickHeaders, secretHeaderTest } from '../src/http/header-fields.js';
import { resolveHttpOptions } from '../src/http/options.js';
import { requestOrigin as originOf, splitTarget } from '../src/http/request-url.js';
import { accessOutcome, defaultAccessLevel } from '../src/http/status-level.js';
import { redactQuery, sensitiveQueryParamTest } from '../src/redact/query-redaction.js';

describe('redactQuery', () => {
  const test = sensitiveQueryParamTest(['otp']);
  it.each([
    ['q=shoes&page=2', 'q=shoes&page=2'],
    ['q=a&access_token=abc&b=1', 'q=a&access_token=[REDACTED]&b=1'],
    [
      'password=x&Secret=y&api_key=z&apikey=w',
      'password=[REDACTED]&Secret=[REDACTED]&api_key=[REDACTED]&apikey=[REDACTED]',
    ],
    ['token', 'token=[REDACTED]'],
    ['api%5Fkey=1&refresh+token=2', 'api%5Fkey=[REDACTED]&refresh+token=[REDACTED]'],
    ['X-Amz-Signature=abc&key=AIza', 'X-Amz-Signature=[REDACTED]&key=[REDACTED]'],
    ['otp=123456&%E0%A4%A=bad', 'otp=[REDACTED]&%E0%A4%A=bad'],
    ['&&a=1&', '&&a=1&'],
  ])('%s → %s', (input, expected) => {
    expect(redactQuery(input, test)).toBe(expected);
  });
});

describe('clientIp', () => {
  const headers = { 'x-forwarded-for': '203.0.113.7, 198.51.100.2:8080, 10.0.0.1' };
  it('ignores forwarding headers unless trusted', () => {
    expect(clientIp(headers, '127.0.0.6', false)).toBe('127.0.0.6');
    expect(clientIp({ 'x-envoy-external-address': '203.0.113.9' }, '::1', false)).toBe('::1');
  });
  it('trusts all proxies with true (Envoy external address first), n hops with a number', () => {
    expect(clientIp(headers, '127.0.0.6', true)).toBe('203.0.113.7');
    expect(
      clientIp({ ...headers, 'x-envoy-external-address': '203.0.113.9' }, '127.0.0.6', true),
    ).toBe('203.0.113.9');
    expect(clientIp(headers, '127.0.0.6', 1)).toBe('10.0.0.1');
    expect(clientIp(headers, '127.0.0.6', 2)).toBe('198.51.100.2');
    expect(clientIp(headers, '127.0.0.6', 9)).toBe('203.0.113.7');
    expect(clientIp({ 'x-forwarded-for': '[2001:db8::1]:443' }, undefined, true)).toBe(
      '2001:db8::1',
    );
  });
  it('never returns something that is not an IP', () => {
    expect(clientIp({ 'x-forwarded-for': 'evil"}, 1.2.3.4' }, '127.0.0.1', true)).toBe('127.0.0.1');
    expect(clientIp({}, 'not-an-ip', true)).toBeUndefined();
    expect(clientIp({}, undefined, false)).toBeUndefined();
    // The same address again, and then others: each answered for itself.
    for (const [address, ip] of [
      ['not-an-ip', undefined],
      ['10.0.0.7', '10.0.0.7'],
      ['10.0.0.7', '10.0.0.7'],
      ['::ffff:10.0.0.8', '::ffff:10.0.0.8'],
      ['bad', undefined],
    ] as const) {
      expect(clientIp({}, address, false)).toBe(ip);
    }
  });
});

describe('splitTarget / requestOrigin', () => {
  it('splits path and query once, dropping a fragment; handles absolute-form', () => {
    expect(splitTarget('/a/b?x=1&y#frag')).toEqual({ path: '/a/b', query: 'x=1&y' });
    expect(splitTarget('/plain')).toEqual({ path: '/plain', query: '' });
    expect(splitTarget('http://example.com/p?q=1')).toEqual({ path: '/p', query: 'q=1' });
    expect(splitTarget(undefined)).toEqual({ path: '/', query: '' });
  });
  const req = (headers: Record<string, string>, encrypted = false) =>
    ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;
  const requestOrigin = (r: IncomingMessage, trust: boolean) =>
    originOf(r.headers, r.socket, trust);
  it('uses the socket and Host unless forwarding is trusted', () => {
    const r = req({
      host: 'api.example.com:8443',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example.com',
    });
    expect(requestOrigin(r, false)).toEqual({
      scheme: 'http',
      authority: 'api.example.com:8443',
      domain: 'api.example.com',
      port: 8443,
    });
    expect(requestOrigin(r, true)).toEqual({
      scheme: 'https',
      authority: 'shop.example.com',
      domain: 'shop.example.com',
      port: undefined,
    });
    expect(requestOrigin(req({ host: '[::1]:3000' }, true), false)).toMatchObject({
      scheme: 'https',
      domain: '::1',
      port: 3000,
    });
  });
  it('drops malformed hosts and protocols', () => {
    expect(requestOrigin(req({ host: 'a b/c' }), false).authority).toBeUndefined();
    expect(requestOrigin(req({ host: 'x'.repeat(8192) }), false).domain).toBeUndefined();
    expect(requestOrigin(req({ host: 'h', 'x-forwarded-proto': 'javascript' }), true).scheme).toBe(
      'http',
    );
  });
  it('answers each request for its own host and scheme (the last answer is reused only for the same)', () => {
    const a = req({ host: 'a.example:81' });
    const b = req({ host: 'b.example' }, true);
    const expected = new Map([
      [a, { scheme: 'http', authority: 'a.example:81', domain: 'a.example', port: 81 }],
      [b, { scheme: 'https', authority: 'b.example', domain: 'b.example', port: undefined }],
    ]);
    for (const r of [a, a, b, b, a, b]) expect(requestOrigin(r, false)).toEqual(expected.get(r));
    expect(requestOrigin(req({ host: 'a.example:81' }, true), false).scheme).toBe('https');
  });
});

describe('levels and outcome', () => {
  it('maps status to level and outcome', () => {
    expect([200, 302, 404, 500].map((s) => defaultAccessLevel(s, false))).toEqual([
      'info',
      'info',
      'warn',
      'error',
    ]);
    expect(defaultAccessLevel(undefined, true)).toBe('warn');
    expect([200, 404, 503].map((s) => accessOutcome(s, false))).toEqual([
      'success',
      'failure',
      'failure',
    ]);
    expect(accessOutcome(200, true)).toBe('failure');
  });
});

describe('pickHeaders', () => {
  it('keeps allow-listed headers only, secrets redacted, repeats joined', () => {
    const picked = pickHeaders(
      {
        accept: 'text/html',
        authorization: 'Bearer x',
        'x-session-token': 't',
        'x-other': 'o',
        via: ['a', 'b'],
      },
      ['accept', 'authorization', 'x-session-token', 'via', 'absent'],
      secretHeaderTest(),
    );
    expect(picked).toEqual({
      accept: 'text/html',
      authorization: '[REDACTED]',
      'x-session-token': '[REDACTED]',
      via: 'a, b',
    });
    expect(pickHeaders({ a: '1' }, ['b'], secretHeaderTest())).toBeUndefined();
  });
});

describe('resolveHttpOptions', () => {
  it('throws naming the option', () => {
    expect(() => resolveHttpOptions({ trustProxy: -1 }, 'ecsLogging')).toThrow(
      /options\.trustProxy/,
    );
    expect(() => resolveHttpOptions({ requestHeaders: [''] }, 'ecsLogging')).toThrow(
      /options\.requestHeaders/,
    );
    expect(() => resolveHttpOptions({ healthPaths: 'x' as never }, 'ecsLogging')).toThrow(
      /options\.healthPaths/,
    );
    expect(() => resolveHttpOptions({ logger: {} as never }, 'ecsLogging')).toThrow(
      /options\.logger/,
    );
    expect(() => resolveHttpOptions({ accessLevel: 'info' as never }, 'ecsLogging')).toThrow(
      /options\.accessLevel/,
    );
  });
  it('applies defaults', () => {
    const o = resolveHttpOptions(undefined, 'ecsLogging');
    expect(o.trustProxy).toBe(false);
    expect(o.healthPaths).toEqual(['/healthz', '/readyz', '/livez', '/metrics']);
    expect(o.requestHeaders).toEqual([]);
    expect(o.echoRequestId).toBe(true);
  });
});
