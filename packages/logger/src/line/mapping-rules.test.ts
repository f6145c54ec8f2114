import { describe, expect, it } from 'vitest';
import { capture } from '../../test/helpers/capture.js';

function keyCount(line: string, key: string): number {
  return line.split(`${JSON.stringify(key)}:`).length - 1;
}

describe('mapping safety (the conflict rules table in README)', () => {
  it('a string error becomes error.message', () => {
    const { log, last } = capture();
    log.error({ error: 'boom' }, 'failed');
    expect(last()['error.message']).toBe('boom');
  });

  it('an error object of ECS fields is kept as error.*', () => {
    const { log, last } = capture();
    log.error({ error: { code: 503, message: 'down', id: 'e1' } }, 'x');
    expect(last()).toMatchObject({
      'error.code': '503',
      'error.message': 'down',
      'error.id': 'e1',
    });
  });

  it('a value that contradicts ECS moves to ecotrace.displaced.<path>', () => {
    const { log, last } = capture();
    log.info(
      { http: 42, url: { port: 'eighty' }, trace: { id: 5 }, user: { id: { nested: 1 } } },
      'x',
    );
    expect(last()).toMatchObject({
      'ecotrace.displaced.http': 42,
      'ecotrace.displaced.url.port': 'eighty',
      'ecotrace.displaced.trace.id': 5,
      'ecotrace.displaced.user.id': { nested: 1 },
    });
  });

  it('keyword fields take numbers and booleans as strings; typed fields keep their type', () => {
    const { log, last } = capture();
    log.info({ user: { id: 42, name: true }, http: { response: { status_code: 200 } } }, 'x');
    expect(last()).toMatchObject({
      'user.id': '42',
      'user.name': 'true',
      'http.response.status_code': 200,
    });
  });

  it('collector keys time, stream, _p never reach the top level', () => {
    const { log, last } = capture();
    log.info({ time: 1, stream: 'stderr', _p: 'P' }, 'x');
    const r = last();
    expect(r.time).toBeUndefined();
    expect(r.stream).toBeUndefined();
    expect(r._p).toBeUndefined();
    expect(r).toMatchObject({
      'ecotrace.displaced.time': 1,
      'ecotrace.displaced.stream': 'stderr',
      'ecotrace.displaced._p': 'P',
    });
  });

  it("an app's `kubernetes` is moved aside: Fluent Bit's kubernetes filter writes its own there", () => {
    const { log, last } = capture();
    log.info({ kubernetes: { pod: 'mine' } }, 'x');
    const r = last();
    expect(r.kubernetes).toBeUndefined();
    expect(r['ecotrace.displaced.kubernetes']).toEqual({ pod: 'mine' });
    log.info({ 'kubernetes.pod_name': 'p' }, 'x');
    expect(last()['ecotrace.displaced.kubernetes.pod_name']).toBe('p');
  });

  it('a caller trace.id/span.id/transaction.id that core calls invalid (all zeros) is moved aside, not written', () => {
    const { log, last } = capture();
    const zeros32 = '0'.repeat(32);
    const zeros16 = '0'.repeat(16);
    log.info({ trace: { id: zeros32 }, span: { id: zeros16 }, transaction: { id: zeros16 } }, 'x');
    let r = last();
    expect(r['trace.id']).toBeUndefined();
    expect(r['span.id']).toBeUndefined();
    expect(r['transaction.id']).toBeUndefined();
    expect(r).toMatchObject({
      'ecotrace.displaced.trace.id': zeros32,
      'ecotrace.displaced.span.id': zeros16,
      'ecotrace.displaced.transaction.id': zeros16,
    });
    log.info({ 'trace.id': 'A'.repeat(32), 'span.id': 'abc' }, 'x');
    r = last();
    expect(r['trace.id']).toBeUndefined();
    expect(r['ecotrace.displaced.trace.id']).toBe('A'.repeat(32));
    expect(r['ecotrace.displaced.span.id']).toBe('abc');
    // A valid pair outside a trace is the caller's to give (a job continuing a trace by hand).
    log.info({ 'trace.id': 'a'.repeat(32), 'span.id': 'b'.repeat(16) }, 'x');
    expect(last()).toMatchObject({ 'trace.id': 'a'.repeat(32), 'span.id': 'b'.repeat(16) });
  });

  it('caller @timestamp, log.level, ecs.version, message never duplicate ours', () => {
    const { log, lines, last } = capture();
    log.info(
      {
        '@timestamp': 'yesterday',
        'log.level': 'loud',
        'ecs.version': '1',
        message: 'm2',
        log: { level: 'x' },
      },
      'm1',
    );
    const line = lines[0]!;
    for (const k of ['@timestamp', 'log.level', 'ecs.version', 'message'])
      expect(keyCount(line, k)).toBe(1);
    expect(last()).toMatchObject({
      message: 'm1',
      'ecotrace.displaced.@timestamp': 'yesterday',
      'ecotrace.displaced.log.level': 'loud',
      'ecotrace.displaced.ecs.version': '1',
      'ecotrace.displaced.message': 'm2',
    });
  });

  it('log must be an object of ECS log fields', () => {
    const { log, last } = capture();
    log.info({ log: 'text' }, 'a');
    expect(last()['ecotrace.displaced.log']).toBe('text');
    log.info({ log: { origin: { function: 'f' } } }, 'b');
    expect(last()['log.origin.function']).toBe('f');
  });

  it('dotted and nested spellings of one field give one key; the later one is displaced', () => {
    const { log, lines, last } = capture();
    log.info({ http: { request: { method: 'GET' } }, 'http.request.method': 'POST' }, 'x');
    expect(keyCount(lines[0]!, 'http.request.method')).toBe(1);
    expect(last()).toMatchObject({
      'http.request.method': 'GET',
      'ecotrace.displaced.http.request.method': 'POST',
    });
    log.info({ order: { id: 1 }, 'order.id': 2 }, 'custom');
    expect(last()).toMatchObject({ order: { id: 1 }, 'ecotrace.displaced.order.id': 2 });
  });

  it('dotted custom keys are expanded and merged with their nested spelling', () => {
    const { log, lines, last } = capture();
    const input = { order: { id: 1 }, 'order.name': 'x', 'order.meta.a': 1, 'cart.items': 3 };
    log.info(input, 'x');
    expect(last()).toMatchObject({
      order: { id: 1, name: 'x', meta: { a: 1 } },
      cart: { items: 3 },
    });
    expect(keyCount(lines[0]!, 'order')).toBe(1);
    expect(input.order).toEqual({ id: 1 }); // the caller's object is not modified
    log.info({ 'order.id': 2, order: { id: 1, total: 5 } }, 'dotted first');
    expect(last()).toMatchObject({ order: { id: 2, total: 5 }, 'ecotrace.displaced.order.id': 1 });
  });

  it('a field that repeats a binding is displaced, never written twice', () => {
    const { log, lines, last } = capture();
    const c = log.child({ tenant: { id: 1 }, 'http.request.id': 'r-1' });
    c.info({ tenant: 'other', http: { request: { id: 'r-2' } }, 'service.name': 'spoof' }, 'x');
    const line = lines[0]!;
    expect(keyCount(line, 'tenant')).toBe(1);
    expect(keyCount(line, 'http.request.id')).toBe(1);
    expect(keyCount(line, 'service.name')).toBe(1);
    expect(last()).toMatchObject({
      tenant: { id: 1 },
      'http.request.id': 'r-1',
      'service.name': 'test-svc',
      'ecotrace.displaced.tenant': 'other',
      'ecotrace.displaced.http.request.id': 'r-2',
      'ecotrace.displaced.service.name': 'spoof',
    });
  });

  it('caller trace ids are kept only without a trace context and when valid', () => {
    const { log, last } = capture();
    log.info(
      { trace: { id: '0af7651916cd43dd8448eb211c80319c' }, span: { id: 'b7ad6b7169203331' } },
      'ok',
    );
    expect(last()).toMatchObject({
      'trace.id': '0af7651916cd43dd8448eb211c80319c',
      'span.id': 'b7ad6b7169203331',
    });
    log.info({ 'trace.id': 'not-hex' }, 'bad');
    expect(last()['ecotrace.displaced.trace.id']).toBe('not-hex');
  });

  it('labels keys are sanitized and values become strings; tags become a string array', () => {
    const { log, last } = capture();
    log.info(
      { labels: { 'a.b': 1, 'c*d': true, 'e\\f': 'x', obj: { y: 1 } }, 'labels.g': 2, tags: 'one' },
      'x',
    );
    expect(last()).toMatchObject({
      labels: { a_b: '1', c_d: 'true', e_f: 'x', obj: '{"y":1}', g: '2' },
      tags: ['one'],
    });
  });

  it('keys Elasticsearch rejects (empty segments, blank) are displaced with a usable name', () => {
    const { log, last } = capture();
    log.info({ '': 1, 'a..b': 2, '.x': 3 }, 'x');
    const r = last();
    expect(Object.keys(r).some((k) => k === '' || k.includes('..') || k.startsWith('.'))).toBe(
      false,
    );
    expect(Object.values(r)).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  it('child bindings follow the same rules: name → log.logger, trace ids and reserved keys displaced', () => {
    const { log, lines, last } = capture();
    const c = log.child({
      name: 'worker',
      'trace.id': '0af7651916cd43dd8448eb211c80319c',
      level: 'x',
      http: 5,
    });
    c.info('x');
    expect(keyCount(lines[0]!, 'trace.id')).toBe(0);
    expect(last()).toMatchObject({
      'log.logger': 'worker',
      'ecotrace.displaced.trace.id': '0af7651916cd43dd8448eb211c80319c',
      'ecotrace.displaced.level': 'x',
      'ecotrace.displaced.http': 5,
    });
  });

  it('redacts credential headers and secret-like keys at any depth, configurably', () => {
    const { log, last } = capture();
    log.info(
      {
        req: {
          headers: { authorization: 'Bearer t', Cookie: 'c', 'x-api-key': 'k', accept: '*/*' },
        },
        user: { password: 'p', profile: { apiToken: 't2', clientSecret: 's' } },
        password: 'top',
      },
      'x',
    );
    expect(last()).toMatchObject({
      req: {
        headers: {
          authorization: '[REDACTED]',
          Cookie: '[REDACTED]',
          'x-api-key': '[REDACTED]',
          accept: '*/*',
        },
      },
      'user.password': '[REDACTED]',
      password: '[REDACTED]',
    });
    expect(JSON.stringify(last())).not.toMatch(/Bearer t|"p"|t2|"s"/);

    const custom = capture({ redact: { keys: ['ssn'], paths: ['card.number'], censor: '***' } });
    custom.log.info({ ssn: '1', card: { number: '4111', brand: 'visa' }, password: 'still' }, 'x');
    expect(custom.last()).toMatchObject({
      ssn: '***',
      card: { number: '***', brand: 'visa' },
      password: '***',
    });

    const off = capture({ redact: false });
    off.log.info({ password: 'visible' }, 'x');
    expect(off.last().password).toBe('visible');
  });
});

describe('depth and redaction of displaced values', () => {
  it('keeps documents under Elasticsearch depth limit 20 however many dots a key has', () => {
    const { log, records } = capture();
    const deepKey = Array.from({ length: 30 }, (_, i) => `k${i}`).join('.');
    let deepValue: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 30; i++) deepValue = { d: deepValue };
    log.info({ [deepKey]: deepValue, [`http.${deepKey}`]: deepValue, http: { [deepKey]: 1 } }, 'x');
    records(); // ecsErrors include too-deep
  });

  it('redacts a displaced value by key and by configured path', () => {
    const { log, last } = capture({ redact: ['card.number'] });
    log.info(
      { card: { number: 'kept-first' }, 'card.number': '4111', user: { token: { x: 1 } } },
      'x',
    );
    expect(JSON.stringify(last())).not.toContain('4111');
    expect(JSON.stringify(last())).not.toContain('kept-first');
  });
});

describe('ECS value checks', () => {
  it('displaces values outside allowed values or patterns, keeps the good ones', () => {
    const { log, last } = capture();
    log.info(
      {
        event: { kind: 'nonsense', outcome: 'success' },
        host: { mac: ['not-a-mac', '00-1A-2B-3C-4D-5E'] },
        source: { ip: 'x' },
      },
      'x',
    );
    expect(last()).toMatchObject({
      'event.outcome': 'success',
      'ecotrace.displaced.event.kind': 'nonsense',
      'ecotrace.displaced.host.mac': ['not-a-mac', '00-1A-2B-3C-4D-5E'],
      'ecotrace.displaced.source.ip': 'x',
    });
  });
});
