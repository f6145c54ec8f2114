import { ecsField } from '@ecotrace/ecs-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capture, untimed } from '../../test/helpers/capture.js';
import { ACCESS_KEYS } from '../http/access-record.js';
import type { LoggerOptions } from '../types.js';
import { TrustedFields } from './trusted-fields.js';

interface Sample {
  strings: Record<string, string>;
  longs: Record<string, number>;
}

const STRING_KEYS = ['url.path', 'user_agent.original', 'http.route', 'url.query', 'http.version'];
const LONG_KEYS = ['event.duration', 'http.response.status_code', 'url.port'];

/** The same fields logged as trusted pairs and as a plain object through the general rules. */
function bothWays(sample: Sample, options: LoggerOptions = {}, bindings?: object) {
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
  const a = bindings ? trustedOut.log.child(bindings) : trustedOut.log;
  const b = bindings ? generalOut.log.child(bindings) : generalOut.log;
  a.info(trusted, 'GET / 200');
  b.info(plain, 'GET / 200');
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
