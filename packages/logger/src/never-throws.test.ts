import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capture, ecsErrors } from '../test/helpers/capture.js';

/** Lets fast-check print a hostile value in a counterexample without tripping over it. */
function printable<T extends object>(value: T, name: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => name });
  return value;
}

/** Values JSON.stringify cannot handle or that attack the serializer. */
const hostile = fc.oneof(
  fc.bigInt().map((n) => n),
  fc.string().map((s) => Symbol(s)),
  fc.constant(() => 1),
  fc.string({ minLength: 0, maxLength: 5 }).map((k) => {
    const o: Record<string, unknown> = { [k]: 1 };
    o.self = o;
    return o;
  }),
  fc.constant(
    printable(
      Object.defineProperty({}, 'bad', {
        enumerable: true,
        get() {
          throw new Error('getter');
        },
      }),
      'throwingGetter',
    ),
  ),
  fc.constant(
    new Proxy(printable({}, 'ownKeysProxy'), {
      ownKeys: () => {
        throw new Error('ownKeys');
      },
    }),
  ),
  fc.constant(
    new Proxy(
      { a: 1 },
      {
        get: (_t, key) => {
          // Printable for fast-check's reporter; every other read throws.
          if (typeof key === 'symbol' || key === 'toString') return () => 'getProxy';
          throw new Error('get');
        },
      },
    ),
  ),
  fc.nat({ max: 60 }).map((depth) => {
    let v: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < depth; i++) v = { d: v };
    return v;
  }),
  fc.constant('x'.repeat(50_000)),
  fc.constant('\ud800 lone surrogate \n\r\u0000'),
  fc.constant(new Error('err', { cause: 'string cause' })),
  fc.constant(new AggregateError([new Error('a'), 1, null], 'agg')),
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Map([[{}, 1]])),
);

/** Keys that hit the ECS and conflict rules. */
const interestingKey = fc.oneof(
  fc.constantFrom(
    'http',
    'http.request.method',
    'error',
    'err',
    'log',
    'log.level',
    'time',
    'stream',
    '_p',
    'message',
    '@timestamp',
    'ecs.version',
    'trace.id',
    'span',
    'labels',
    'tags',
    'user',
    'user.id',
    'event.duration',
    'url.port',
    'host',
    'ecotrace',
    '',
    '.',
    'a..b',
    '__proto__',
    'constructor',
    'password',
    'headers',
    'geo.location',
    'labels.x.y',
    'event.kind',
  ),
  fc.string({ maxLength: 12 }),
);

const value = fc.oneof(fc.anything({ maxDepth: 3 }), hostile);
const fieldsObject = fc.dictionary(interestingKey, value, { maxKeys: 8 });

const callArgs = fc.oneof(
  fc.tuple(fieldsObject, fc.option(fc.string(), { nil: undefined })),
  fc.tuple(hostile, fc.anything()),
  fc.tuple(fc.string(), fc.anything(), fc.anything()),
  fc.tuple(fc.anything()),
  fc.tuple(fc.constantFrom('%s %d %o %j %%', '%s'), hostile),
);

describe('never throws into the caller', () => {
  it('any arguments, bindings and options: one valid ECS line per call', () => {
    const c = capture({ maxLineBytes: 4_096 });
    fc.assert(
      fc.property(
        fieldsObject,
        fc.array(callArgs, { minLength: 1, maxLength: 4 }),
        (bindings, calls) => {
          c.lines.length = 0;
          const child = c.log.child(bindings);
          for (const args of calls) {
            expect(() => (child.info as (...a: unknown[]) => void)(...args)).not.toThrow();
          }
          expect(c.lines).toHaveLength(calls.length);
          for (const line of c.lines) {
            expect(line.endsWith('}\n')).toBe(true);
            expect(line.slice(0, -1)).not.toContain('\n');
            expect(Buffer.byteLength(line)).toBeLessThanOrEqual(4_096);
            expect(() => JSON.parse(line)).not.toThrow();
            expect(ecsErrors(line.trimEnd())).toEqual([]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
