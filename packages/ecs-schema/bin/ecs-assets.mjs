#!/usr/bin/env node
// Committed launcher for the tsup-built CLI. pnpm links workspace bins at install time, before
// anything is built, and skips a bin whose file is missing; this file always exists.
import('../dist/cli/ecs-assets.js').catch((err) => {
  console.error(`ecs-assets: cannot load the built CLI (run \`pnpm build\`): ${err.message}`);
  process.exit(2);
});
