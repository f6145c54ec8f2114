import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capture, untimed } from '../../test/helpers/capture.js';
import { LINE_OVERHEAD_BYTES } from '../internal-types.js';
import type { LoggerOptions } from '../types.js';
import { bindRequestId } from './request-id-child.js';

/** The same id bound by bindRequestId and by child(), then one line from each. */
function bothWays(id: string, options: LoggerOptions = {}, parentBindings?: object) {
  const fast = capture(options);
  const general = capture(options);
  const fastParent = parentBindings ? fast.log.child(parentBindings) : fast.log;
  const generalParent = parentBindings ? general.log.child(parentBindings) : general.log;
  bindRequestId(fastParent, id).info({ 'url.path': '/a' }, 'hello');
  generalParent.child({ 'http.request.id': id }).info({ 'url.path': '/a' }, 'hello');
  return { fast, general };
}

describe('bindRequestId', () => {
  it('binds exactly what child() binds, for any id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (id) => {
        const { fast, general } = bothWays(id);
        expect(fast.lines.map(untimed)).toEqual(general.lines.map(untimed));
        fast.records();
      }),
      { numRuns: 200 },
    );
  });

  it('counts the binding bytes the line cap reserves exactly as child() does', () => {
    const { log } = capture();
    for (const id of ['abc', 'é-ü', '"quoted"', 'x'.repeat(256)]) {
      const fast = bindRequestId(log, id) as unknown as Record<symbol, number>;
      const general = log.child({ 'http.request.id': id }) as unknown as Record<symbol, number>;
      expect(fast[LINE_OVERHEAD_BYTES]).toBe(general[LINE_OVERHEAD_BYTES]);
    }
  });

  it('leaves a taken or redacted key to the general rules', () => {
    const taken = bothWays('abc', {}, { 'http.request.id': 'outer' });
    expect(taken.fast.lines.map(untimed)).toEqual(taken.general.lines.map(untimed));
    expect(taken.fast.last()).toMatchObject({
      'http.request.id': 'outer',
      'ecotrace.displaced.http.request.id': 'abc',
    });
    const redacted = bothWays('abc', { redact: { keys: ['id'] } });
    expect(redacted.fast.lines.map(untimed)).toEqual(redacted.general.lines.map(untimed));
    expect(redacted.fast.last()['http.request.id']).toBe('[REDACTED]');
  });

  it('decides for each parent: a free key, then a taken one, then free again', () => {
    for (const parentBindings of [undefined, { 'http.request.id': 'outer' }, undefined]) {
      const { fast, general } = bothWays('abc', {}, parentBindings);
      expect(fast.lines.map(untimed)).toEqual(general.lines.map(untimed));
      expect(fast.last()['http.request.id']).toBe(parentBindings ? 'outer' : 'abc');
    }
  });

  it('keeps later lines mapping-safe: a caller field under the bound key is displaced', () => {
    const { log, last } = capture();
    bindRequestId(log, 'req-1').info({ http: { request: { id: 'mine' } } }, 'x');
    expect(last()).toMatchObject({
      'http.request.id': 'req-1',
      'ecotrace.displaced.http.request.id': 'mine',
    });
  });
});
