import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultInputs, defaultPaths, generateSource } from '../scripts/generate.mjs';

describe('generated ECS table', () => {
  it('is up to date with @elastic/ecs and data/ecs-logging-spec.json (run `pnpm --filter @ecotrace/ecs-schema generate`)', () => {
    const committed = readFileSync(defaultPaths.output, 'utf8');
    expect(generateSource(defaultInputs()) === committed).toBe(true);
  });

  it('refuses an @elastic/ecs whose version is not the pinned one', () => {
    expect(() => generateSource({ ...defaultInputs(), ecsVersion: '9.3.0' })).toThrow(
      /@elastic\/ecs is 9\.3\.0 but PINNED_ECS_VERSION is 9\.4\.0/,
    );
  });

  it('is stale when the field table changes (a field dropped from EcsFlat changes the output)', () => {
    const inputs = defaultInputs();
    const { ['trace.id']: _dropped, ...rest } = inputs.ecsFlat;
    const committed = readFileSync(defaultPaths.output, 'utf8');
    expect(generateSource({ ...inputs, ecsFlat: rest }) === committed).toBe(false);
  });
});
