import { ecsField } from '@ecotrace/ecs-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capture, untimed } from '../../test/helpers/capture.js';
import { runWithTraceContext } from '../context/run-with-trace-context.js';
import { ACCESS_KEYS } from '../http/access-line.js';
import type { LoggerOptions } from '../types.js';
import { TrustedFields } from './trusted-fields.js';

interface Sample {
  strings: Record<string, string>;
  longs: Record<string, number>;
}

const STRING_KEYS = ['url.path', 'user_agent.original', 'http.route', 'url.query', 'http.version'];
const LONG_KEYS = ['event.duration', 'http.response.status_code', 'url.port'];

const TRACE = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };

/**
 * The same fields logged as trusted pairs and as a plain object through the general rules.
 * `childOptions` / `bindings` make the loggers children; `traced` logs inside a trace context.
 */
function bothWays(
  sample: Sample,
  options: LoggerOptions = {},
  bindings?: object,
  extra: { childOptions?: object; traced?: boolean } = {},
) {
  const trustedOut = capture(options);
  const generalOut = capture(options);
  const trusted = new TrustedFields(ACCESS_KEYS);
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sample.strings)) {
    trusted.string(key, value);
    plain[key] = value;
  }
  for (const [key, value] of Object.entries(sample.longs)) {
    trusted.long(key, value);
    plain[key] = value;
  }
  const child = bindings !== undefined || extra.childOptions !== undefined;
  const a = child ? trustedOut.log.child(bindings ?? {}, extra.childOptions) : trustedOut.log;
  const b = child ? generalOut.log.child(bindings ?? {}, extra.childOptions) : generalOut.log;
  const write = () => {
    a.info(trusted, 'GET / 200');
    b.info(plain, 'GET / 200');
  };
  if (extra.traced) runWithTraceContext(TRACE, write);
  else write();
  return { trusted: trustedOut, general: generalOut };
}

describe('trusted fields (the access line)', () => {
  it('declares every key with its ECS 9.4 type (http.route is not in ECS)', () => {
    for (const [key, type] of Object.entries(ACCESS_KEYS.types)) {
      if (key === 'http.route') expect(ecsField(key)).toBeUndefined();
      else expect({ key, type: ecsField(key)?.type }).toEqual({ key, type });
    }
  });

  it('writes exactly what the general rules write for the same values', () => {
    fc.assert(
      fc.property(
        fc.record({
          strings: fc.record(
            Object.fromEntries(STRING_KEYS.map((k) => [k, fc.string({ unit: 'binary' })])),
          ),
          longs: fc.record(
            Object.fromEntries(LONG_KEYS.map((k) => [k, fc.integer({ min: 0, max: 2 ** 40 })])),
          ),
        }),
        (sample) => {
          const { trusted, general } = bothWays(sample as Sample);
          expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
          trusted.records();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('cuts huge strings and caps the line like any ECS string field', () => {
    const huge = { 'url.path': 'x'.repeat(50_000), 'user_agent.original': 'y'.repeat(50_000) };
    const { trusted, general } = bothWays({ strings: huge, longs: {} });
    expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
    const record = trusted.last();
    expect((record['url.path'] as string).length).toBeLessThan(16_000);
    expect(record.tags).toContain('log_truncated');
  });

  it('displaces a key the logger already binds, as the general rules do', () => {
    const sample = { strings: { 'url.path': '/orders/1' }, longs: { 'url.port': 8080 } };
    const { trusted, general } = bothWays(sample, {}, { 'url.path': '/bound' });
    expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
    expect(trusted.last()).toMatchObject({
      'url.path': '/bound',
      'ecotrace.displaced.url.path': '/orders/1',
    });
  });

  it('writes the trace ids where the general rules do, and the same line around them', () => {
    const sample = { strings: { 'url.path': '/orders/1' }, longs: { 'url.port': 8080 } };
    const { trusted, general } = bothWays(sample, {}, undefined, { traced: true });
    expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
    expect(trusted.last()).toMatchObject({ 'trace.id': TRACE.traceId, 'span.id': TRACE.spanId });
  });

  it("matches the general rules under a request's child (binds http.request.id, a key of the set)", () => {
    const sample = { strings: { 'url.path': '/orders/1' }, longs: { 'url.port': 8080 } };
    const bindings = { 'http.request.id': 'req-1' };
    const { trusted, general } = bothWays(sample, {}, bindings, { traced: true });
    expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
    expect(trusted.last()).toMatchObject({ 'http.request.id': 'req-1', 'url.path': '/orders/1' });
  });

  it("applies a child's msgPrefix, as the general rules do", () => {
    const sample = { strings: { 'url.path': '/orders/1' }, longs: {} };
    const { trusted, general } = bothWays(sample, {}, undefined, {
      childOptions: { msgPrefix: '[http] ' },
    });
    expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
    expect(trusted.last().message).toBe('[http] GET / 200');
  });

  it('keeps the trace ids a child tried to bind displaced, as the general rules do', () => {
    const sample = { strings: { 'url.path': '/orders/1' }, longs: {} };
    const { trusted, general } = bothWays(sample, {}, { 'span.id': 'bound' }, { traced: true });
    expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
    expect(trusted.last()).toMatchObject({
      'span.id': TRACE.spanId,
      'ecotrace.displaced.span.id': 'bound',
    });
  });

  it("censors a key the logger's redactor names, as the general rules do", () => {
    const sample = { strings: { 'url.path': '/secret/1', 'url.query': 'a=1' }, longs: {} };
    const { trusted, general } = bothWays(sample, { redact: { keys: ['path'] } });
    expect(trusted.lines.map(untimed)).toEqual(general.lines.map(untimed));
    expect(trusted.last()).toMatchObject({ 'url.path': '[REDACTED]', 'url.query': 'a=1' });
  });

  it("takes the general path when the line already has a key under the set's roots", () => {
    const { log, last } = capture();
    const err = Object.assign(new Error('boom'), { code: 'E_X' });
    log.error({ 'error.code': 'mine', err }, 'failed');
    expect(last()).toMatchObject({
      'error.code': 'mine',
      'error.message': 'boom',
      'ecotrace.displaced.error.code': 'E_X',
    });
  });
});
