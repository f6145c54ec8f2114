import { describe, expect, it } from 'vitest';
import { capture } from '../../test/helpers/capture.js';
import { errorFields } from './error-fields.js';
import { LIMITS } from './limits.js';

describe('errorFields', () => {
  it('gives type, message, stack and code (as a string)', () => {
    const err = Object.assign(new TypeError('bad input'), { code: 42 });
    const f = errorFields(err);
    expect(f).toMatchObject({ type: 'TypeError', message: 'bad input', code: '42' });
    expect(f.stack_trace).toMatch(/^TypeError: bad input\n\s+at /);
  });

  it('appends the cause chain, bounded in depth, and survives a cycle', () => {
    let err: Error = new Error('level 0');
    for (let i = 1; i <= 8; i++) err = new Error(`level ${i}`, { cause: err });
    const f = errorFields(err);
    const causes = f.stack_trace!.match(/Caused by: Error: level \d/g) ?? [];
    expect(causes).toHaveLength(LIMITS.maxCauseDepth);
    expect(causes[0]).toBe('Caused by: Error: level 7');

    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(errorFields(a).stack_trace).toMatch(/Caused by: Error: b[\s\S]*Caused by: \[Circular\]/);
  });

  it('keeps AggregateError children', () => {
    const agg = new AggregateError(
      [new Error('first'), 'second', new RangeError('third')],
      'all failed',
    );
    const f = errorFields(agg);
    expect(f.type).toBe('AggregateError');
    expect(f.stack_trace).toMatch(/Aggregated error \[0\]: Error: first/);
    expect(f.stack_trace).toMatch(/Aggregated error \[1\]: second/);
    expect(f.stack_trace).toMatch(/Aggregated error \[2\]: RangeError: third/);
  });

  it('handles non-Error throwables', () => {
    expect(errorFields('boom')).toEqual({ message: 'boom' });
    expect(errorFields(404)).toEqual({ message: '404' });
    expect(errorFields({ message: 'plain', code: 'E1' })).toMatchObject({
      message: 'plain',
      code: 'E1',
    });
    expect(errorFields({ status: 500 }).message).toBe('{"status":500}');
    expect(errorFields(null)).toEqual({});
  });

  it('never throws on hostile errors', () => {
    const hostile = new Proxy(new Error('x'), {
      get() {
        throw new Error('trap');
      },
    });
    expect(() => errorFields(hostile)).not.toThrow();
    const getter = new Error('y');
    Object.defineProperty(getter, 'stack', {
      get: () => {
        throw new Error('no stack');
      },
    });
    expect(errorFields(getter)).toMatchObject({ message: 'y' });
  });
});

describe('errors through the logger', () => {
  it('log.error(err), log.error({ err }, msg), { error } all become error.*', () => {
    const { log, records } = capture();
    const err = Object.assign(new Error('db down', { cause: new Error('ECONNREFUSED') }), {
      code: 'E_DB',
    });
    log.error(err);
    log.error({ err }, 'query failed');
    log.error({ error: err }, 'again');
    log.error(err, 'with %s', 'format');
    const [a, b, c, d] = records();
    for (const r of [a, b, c, d]) {
      expect(r).toMatchObject({
        'error.type': 'Error',
        'error.message': 'db down',
        'error.code': 'E_DB',
      });
      expect(r!['error.stack_trace']).toMatch(/Caused by: Error: ECONNREFUSED/);
    }
    expect([a, b, c, d].map((r) => r!.message)).toEqual([
      'db down',
      'query failed',
      'again',
      'with format',
    ]);
  });

  it('a second error source on one line is displaced, not merged', () => {
    const { log, last } = capture();
    log.error({ err: new Error('one'), error: new Error('two') }, 'x');
    expect(last()['error.message']).toBe('one');
    expect(last()['ecotrace.displaced.error']).toMatchObject({ message: 'two' });
  });
});
