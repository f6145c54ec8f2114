import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPaths, generateSource } from '../scripts/generate.mjs';

describe('generated ECS table', () => {
  it('is up to date with ../shared/ecs (run `pnpm --filter @ecotrace/ecs-schema generate`)', () => {
    const committed = readFileSync(defaultPaths.output, 'utf8');
    expect(generateSource(defaultPaths) === committed).toBe(true);
  });
});
