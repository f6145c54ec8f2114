#!/usr/bin/env node
// The README's quick start: `npm run demo` and `npm test` must work on a machine that has only
// Node.js and npm. This script brings the pinned pnpm (through npx when it is not installed),
// installs the workspace, builds it, then runs the requested task.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const task = process.argv[2];
const tasks = {
  test: [['turbo', 'run', 'test', '--concurrency=1']],
  bench: [
    ['turbo', 'run', 'build'],
    ['--filter', '@ecotrace/bench', 'run', 'bench'],
  ],
  demo: [
    ['turbo', 'run', 'build'],
    ['--filter', '@ecotrace/demo', 'run', 'demo'],
  ],
};
if (!tasks[task]) {
  console.error(`usage: node scripts/quickstart.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}

const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
function pnpmCommand() {
  try {
    const version = execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim();
    if (version === pinned) return ['pnpm'];
  } catch {}
  console.error(`[ecotrace] pnpm ${pinned} not on PATH: running it through npx`);
  return ['npx', '--yes', `pnpm@${pinned}`];
}

const [cmd, ...prefix] = pnpmCommand();
function run(args) {
  const result = spawnSync(cmd, [...prefix, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['install', '--frozen-lockfile', '--prefer-offline']);
for (const args of tasks[task]) run(args);
