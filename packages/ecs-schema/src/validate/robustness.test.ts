import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ecsFieldNames } from '../field-table.js';
import { PROBLEM_CODES } from './problems.js';
import { validateLine, validateRecord } from './validate.js';

const BASE = {
  '@timestamp': '2026-11-23T10:00:00.000Z',
  'log.level': 'info',
  message: 'x',
  'ecs.version': '9.4.0',
};

/** `{"a":{"a":…{"a":1}}}` with `depth` levels of fields (the leaf counts as one). */
function nested(depth: number): Record<string, unknown> {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value as Record<string, unknown>;
}

const codes = (line: string) => validateLine(line).map((p) => p.code);

describe('too-deep', () => {
  it("accepts Elasticsearch's default depth of 20 and rejects 21, in nested or dotted form", () => {
    expect(codes(JSON.stringify({ ...BASE, ...nested(20) }))).not.toContain('too-deep');
    expect(codes(JSON.stringify({ ...BASE, ...nested(21) }))).toContain('too-deep');
    // an empty object at depth 20 adds no deeper field
    const emptyAt20 = JSON.stringify({ ...BASE, ...nested(20) }).replace(':1}', ':{}}');
    expect(codes(emptyAt20)).not.toContain('too-deep');
    const dotted = (n: number) => Array.from({ length: n }, () => 'a').join('.');
    expect(codes(JSON.stringify({ ...BASE, [dotted(20)]: 1 }))).not.toContain('too-deep');
    expect(codes(JSON.stringify({ ...BASE, [dotted(21)]: 1 }))).toContain('too-deep');
  });

  it('survives nesting far beyond the call stack', () => {
    const line = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    expect(codes(line)).toContain('too-deep');
  });
});

describe('hostile values', () => {
  it('does not reach the prototype through record values', () => {
    const line = JSON.stringify({
      ...BASE,
      'event.category': ['constructor', '__proto__'],
      'event.type': ['toString'],
    });
    expect(() => validateLine(line)).not.toThrow();
    expect(codes(line)).toContain('not-allowed-value');
  });
});

// Keys drawn partly from real ECS names, so the fuzzer hits typed fields, parents and leaves.
const ecsNames = ecsFieldNames();
const key = fc.oneof(
  fc.constantFrom(
    ...ecsNames.slice(0, 400),
    'trace.id',
    'http',
    'http.request',
    'labels',
    'tags',
    'event.category',
  ),
  fc.constantFrom('trace', 'id', 'a', 'a.b', '__proto__', 'constructor', 'labels.x.y'),
  fc.string({ maxLength: 6 }),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node;

describe('fuzzing', () => {
  it('validateRecord and validateLine never throw and only use documented codes', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), (extra) => {
        const record = { ...BASE, ...extra };
        const line = JSON.stringify(record);
        for (const p of [...validateRecord(record), ...validateLine(line)]) {
          expect(PROBLEM_CODES[p.code].severity).toBe(p.severity);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('validateLine never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        validateLine(text);
      }),
      { numRuns: 500 },
    );
  });
});
