// Every case of the B3/W3C trace-context contract (docs/trace-context.md), through the logger's own exports: the
// re-exported `extractTraceContext`, and the ids a line carries inside `runWithTraceContext`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from '../../test/helpers/capture.js';
import { extractTraceContext, runWithTraceContext } from '../index.js';

interface Vector {
  name: string;
  headers: Record<string, string | string[]>;
  expect: {
    valid: boolean;
    traceId: string | null;
    spanId: string | null;
    sampled: boolean | null;
    debug: boolean;
  };
}

// The contract's vectors live with the contract's code, in @ecotrace/core (docs/trace-context.md).
const repoRoot = resolve(import.meta.dirname, '../../../..');
const vectors = JSON.parse(
  readFileSync(resolve(repoRoot, 'packages', 'core', 'test', 'b3-vectors.json'), 'utf8'),
) as Vector[];

describe('the B3 vectors (packages/core/test/b3-vectors.json) through @ecotrace/logger', () => {
  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThan(20);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(extractTraceContext(v.headers)).toEqual(v.expect);
    const { log, last } = capture();
    runWithTraceContext(v.headers, () => log.info('x'));
    const r = last();
    expect(r['trace.id']).toBe(v.expect.valid ? v.expect.traceId : undefined);
    expect(r['span.id']).toBe(v.expect.valid ? v.expect.spanId : undefined);
  });
});
