#!/usr/bin/env node
// Writes src/version.ts (`export const VERSION = '<package.json version>'`) for the package in
// the working directory; each package's `build` runs it first, so the published VERSION is the
// version being published. The file is committed so `typecheck` and tests work without a build;
// each package has a test that fails when it is stale. `--check` exits 1 instead of writing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.cwd();
const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
if (typeof name !== 'string' || typeof version !== 'string' || !/^[0-9A-Za-z.+-]+$/.test(version)) {
  console.error(`generate-version: ${join(dir, 'package.json')} needs a name and a semver version`);
  process.exit(1);
}

const text = `// Generated from package.json by scripts/generate-version.mjs (run by \`build\`): do not edit.

/**
 * The version of ${name} (its package.json \`version\`), e.g. for diagnostics or telemetry.
 *
 * @example
 * \`\`\`ts
 * import { VERSION } from '${name}';
 * console.log(\`${name} \${VERSION}\`);
 * \`\`\`
 */
export const VERSION = '${version}';
`;

const file = join(dir, 'src', 'version.ts');
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {
  // Missing: written below (or reported as stale with --check).
}
if (current === text) process.exit(0);
if (process.argv.includes('--check')) {
  console.error(`generate-version: ${file} is stale; run the package's build`);
  process.exit(1);
}
// Written only when it changed, so a build does not touch the file (or turbo's inputs) for nothing.
writeFileSync(file, text);
