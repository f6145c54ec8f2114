import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type Problem } from './problems.js';
import { validateLine, validateRecord } from './validate.js';

const BASE = {
  '@timestamp': '2026-11-23T10:00:00.000Z',
  'log.level': 'info',
  message: 'order placed',
  'ecs.version': '9.4.0',
};

/** A clean record plus `extra` fields, checked both as an object and as a raw line. */
function problemsWith(extra: Record<string, unknown>): Problem[] {
  const fromRecord = validateRecord({ ...BASE, ...extra });
  const fromLine = validateLine(JSON.stringify({ ...BASE, ...extra }));
  expect(fromLine).toEqual(fromRecord);
  return fromRecord;
}

const codes = (problems: Problem[]) => problems.map((p) => `${p.code}:${p.field}`);

describe('a clean record', () => {
  it('has no problems, with everything the logger writes', () => {
    const line = {
      ...BASE,
      'log.logger': 'app',
      'service.name': 'checkout',
      'service.version': '1.2.3',
      'service.environment': 'prod',
      'host.hostname': 'pod-1',
      'process.pid': 42,
      'event.dataset': 'checkout',
      'event.kind': 'event',
      'event.category': ['web'],
      'event.type': ['access'],
      'event.outcome': 'success',
      'event.duration': 1234567,
      'trace.id': '4bf92f3577b34da6a3ce929d0e0e4736',
      'span.id': '00f067aa0ba902b7',
      'transaction.id': '00f067aa0ba902b7',
      http: {
        request: { id: 'r-1', method: 'GET' },
        response: { status_code: 200 },
        version: '1.1',
      },
      'url.path': '/orders',
      'user_agent.original': 'curl/8',
      'client.ip': '10.1.2.3',
      'error.type': 'TypeError',
      'error.stack_trace': 'TypeError: x\n    at y',
      labels: { env: 'prod', shard: 3 },
      tags: ['a', 'b'],
      'host.ip': '10.0.0.1', // array field given one value: fine, ES accepts it
      'client.geo.location': [13.4, 52.5],
      'dns.answers': [
        { name: 'a.example', ttl: 30 },
        { name: 'b.example', ttl: 30 },
      ],
      'log.syslog.structured_data': { 'any.thing': { x: 1 } },
      'entity.raw': { free: { form: true } },
      'event.original': null,
    };
    expect(validateRecord(line)).toEqual([]);
    expect(validateLine(JSON.stringify(line))).toEqual([]);
  });
});

describe('each check', () => {
  it('missing-required and missing-message', () => {
    expect(codes(validateRecord({ foo: 1 }).filter((p) => p.code.startsWith('missing')))).toEqual([
      'missing-required:@timestamp',
      'missing-required:log.level',
      'missing-required:ecs.version',
      'missing-message:message',
    ]);
    const { message: _m, ...noMessage } = BASE;
    const problems = validateRecord(noMessage);
    expect(codes(problems)).toEqual(['missing-message:message']);
    expect(problems[0]!.severity).toBe('warning');
    // nested spelling counts as present; null counts as absent
    expect(
      codes(validateRecord({ ...BASE, 'ecs.version': undefined, ecs: { version: '9.4.0' } })),
    ).toEqual([]);
    expect(codes(validateRecord({ ...BASE, 'ecs.version': null }))).toEqual([
      'missing-required:ecs.version',
    ]);
  });

  it('key-order', () => {
    const bad = {
      'log.level': 'info',
      '@timestamp': BASE['@timestamp'],
      message: 'x',
      'ecs.version': '9.4.0',
    };
    expect(codes(validateRecord(bad))).toEqual(['key-order:@timestamp']);
    const late = {
      '@timestamp': BASE['@timestamp'],
      'log.level': 'info',
      'ecs.version': '9.4.0',
      message: 'x',
    };
    expect(codes(validateLine(JSON.stringify(late)))).toEqual(['key-order:message']);
    const noMessage = {
      '@timestamp': BASE['@timestamp'],
      'log.level': 'info',
      'ecs.version': '9.4.0',
    };
    expect(codes(validateRecord(noMessage))).toEqual(['missing-message:message']);
  });

  it('not-top-level', () => {
    const { 'log.level': _l, ...rest } = BASE;
    const nested = {
      '@timestamp': BASE['@timestamp'],
      message: 'x',
      log: { level: 'info' },
      'ecs.version': '9.4.0',
    };
    expect(codes(validateRecord(nested))).toEqual(['not-top-level:log.level']);
    expect(rest).toBeDefined();
  });

  it('type-mismatch', () => {
    expect(codes(problemsWith({ 'http.response.status_code': '200' }))).toEqual([
      'type-mismatch:http.response.status_code',
    ]);
    expect(codes(problemsWith({ 'process.pid': 1.5, 'trace.id': 123 }))).toEqual([
      'type-mismatch:process.pid',
      'type-mismatch:trace.id',
    ]);
    expect(codes(problemsWith({ 'client.ip': 'not-an-ip' }))).toEqual(['type-mismatch:client.ip']);
    expect(codes(problemsWith({ 'event.created': 'last tuesday' }))).toEqual([
      'type-mismatch:event.created',
    ]);
    expect(codes(problemsWith({ 'log.syslog.structured_data': 'x' }))).toEqual([
      'type-mismatch:log.syslog.structured_data',
    ]);
    expect(codes(problemsWith({ 'dll.pe.sections': ['x'] }))).toEqual([
      'type-mismatch:dll.pe.sections',
    ]);
    expect(codes(problemsWith({ http: 'GET /' }))).toEqual(['type-mismatch:http']);
    expect(codes(problemsWith({ labels: { nested: { no: 1 } } }))).toEqual([
      'type-mismatch:labels.nested',
    ]);
  });

  it('not-array', () => {
    expect(codes(problemsWith({ 'trace.id': ['a', 'b'] }))).toEqual(['not-array:trace.id']);
    expect(codes(problemsWith({ 'log.syslog': [{}] }))).toEqual(['not-array:log.syslog']);
    expect(codes(problemsWith({ tags: ['a', 1] }))).toEqual(['type-mismatch:tags']);
  });

  it('not-allowed-value and unexpected-event-type', () => {
    expect(codes(problemsWith({ 'event.kind': 'log' }))).toEqual(['not-allowed-value:event.kind']);
    expect(
      codes(problemsWith({ 'event.outcome': 'ok', 'event.category': ['web', 'wat'] })),
    ).toEqual(['not-allowed-value:event.outcome', 'not-allowed-value:event.category']);
    expect(
      codes(problemsWith({ 'event.category': 'web', 'event.type': ['access', 'info'] })),
    ).toEqual([]);
    const mismatch = problemsWith({ 'event.category': ['web'], 'event.type': ['creation'] });
    expect(codes(mismatch)).toEqual(['unexpected-event-type:event.type']);
    expect(mismatch[0]!.severity).toBe('warning');
  });

  it('pattern-mismatch', () => {
    expect(codes(problemsWith({ 'host.mac': ['00-00-5E-00-53-23'] }))).toEqual([]);
    expect(codes(problemsWith({ 'host.mac': ['00:00:5e:00:53:23'] }))).toEqual([
      'pattern-mismatch:host.mac',
    ]);
  });

  it('dotted-and-nested', () => {
    expect(codes(problemsWith({ 'trace.id': 'a', trace: { id: 'b' } }))).toEqual([
      'dotted-and-nested:trace.id',
    ]);
    expect(codes(problemsWith({ 'order.id': 1, order: { id: 2 } }))).toEqual([
      'custom-field:order.id',
      'custom-field:order',
      'dotted-and-nested:order.id',
    ]);
    // different leaves of one object in two spellings are fine
    expect(
      codes(problemsWith({ 'http.request.method': 'GET', http: { request: { id: 'x' } } })),
    ).toEqual([]);
  });

  it('value-under-leaf', () => {
    expect(codes(problemsWith({ trace: { id: { x: 1 } } }))).toEqual(['value-under-leaf:trace.id']);
    expect(codes(problemsWith({ 'trace.id.x': 1 }))).toEqual(['value-under-leaf:trace.id.x']);
    expect(codes(problemsWith({ 'message.text': 'x' }))).toEqual(['value-under-leaf:message.text']);
    expect(codes(problemsWith({ a: 1, 'a.b': 2 }))).toEqual([
      'custom-field:a',
      'custom-field:a.b',
      'value-under-leaf:a.b',
    ]);
  });

  it('label-key', () => {
    expect(
      codes(problemsWith({ labels: { 'a.b': 'x', 'c*': 'y', 'd\\e': 'z', ok_key: 'w' } })),
    ).toEqual(['label-key:labels.a.b', 'label-key:labels.c*', 'label-key:labels.d\\e']);
    expect(codes(problemsWith({ 'labels.env': 'prod' }))).toEqual([]);
    expect(codes(problemsWith({ 'labels.a.b': 'x' }))).toEqual(['label-key:labels.a.b']);
  });

  it('custom-field is a warning, reported once at the top of a custom subtree', () => {
    const problems = problemsWith({ order: { id: 1, items: [{ sku: 'x' }] }, 'http.foo': 1 });
    expect(codes(problems)).toEqual(['custom-field:order', 'custom-field:http.foo']);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('duplicate-key (validateLine only)', () => {
    const line =
      '{"@timestamp":"2026-11-23T10:00:00.000Z","log.level":"info","message":"a","ecs.version":"9.4.0","message":"b","http":{"request":{"id":"1","id":"2"}}}';
    expect(codes(validateLine(line))).toEqual([
      'duplicate-key:message',
      'duplicate-key:http.request.id',
    ]);
  });

  it('invalid-json and not-an-object', () => {
    expect(codes(validateLine('{"a":'))).toEqual(['invalid-json:']);
    expect(codes(validateLine('[1,2]'))).toEqual(['not-an-object:']);
    expect(codes(validateLine('"x"'))).toEqual(['not-an-object:']);
    expect(codes(validateRecord([] as object))).toEqual(['not-an-object:']);
  });

  it('gives every problem the severity its code documents', () => {
    const problems = validateLine('{"message":1,"message":2,"labels":{"a.b":[1]},"x":1}');
    expect(problems.length).toBeGreaterThan(4);
    for (const p of problems) expect(p.severity).toBe(PROBLEM_CODES[p.code].severity);
  });

  it('never throws on hostile input', () => {
    for (const line of [
      '',
      ' ',
      'null',
      '{"__proto__":{"x":1}}',
      '{"constructor":1}',
      '\u0000',
      '{"a":{"b":{"c":{"d":{}}}}}',
    ]) {
      expect(() => validateLine(line)).not.toThrow();
    }
  });
});
