#!/usr/bin/env node
// @ts-check
// Regenerates examples/deploy/elasticsearch/* from @ecotrace/ecs-schema (build it first:
// `pnpm turbo run build --filter @ecotrace/ecs-schema`). `pnpm --filter @ecotrace/example-deploy generate`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetText, elasticsearchAssets } from './elasticsearch-assets.mjs';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'elasticsearch');
mkdirSync(outDir, { recursive: true });
const written = Object.entries(elasticsearchAssets()).map(([name, value]) => {
  const file = join(outDir, name);
  writeFileSync(file, assetText(name, value));
  return file;
});
// The repo's formatter owns JSON layout; the staleness test compares parsed content.
execFileSync(
  'pnpm',
  ['exec', 'biome', 'format', '--write', ...written.filter((f) => f.endsWith('.json'))],
  {
    stdio: 'inherit',
  },
);
for (const file of written) console.log(`wrote ${file}`);
