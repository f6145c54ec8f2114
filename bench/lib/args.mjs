// Command-line options of `node run.mjs`. Quick mode exists for the smoke test: it proves every
// scenario still runs end to end, so its numbers mean nothing.
import { resolve } from 'node:path';

/**
 * @typedef {object} BenchOptions
 * @property {boolean} quick  tiny N, 1 round, short HTTP runs (default false)
 * @property {number} rounds  interleaved rounds per scenario (default 5, quick 1)
 * @property {string[]} only  scenario names to run (default: all)
 * @property {string[]} shapes  logger-throughput shapes to run (default: all)
 * @property {string} outDir  absolute directory for RESULTS.md and results.json, created by run.mjs
 *   if missing (default: bench/)
 * @property {boolean} taskset  pin server and load generator to separate cores (default: when available)
 * @property {boolean} render  only re-render RESULTS.md from results.json (default false)
 * @property {boolean} merge  keep the sections of scenarios not run from the existing
 *   results.json (default false: RESULTS.md holds only this run's scenarios)
 */

/**
 * Parses `--quick`, `--rounds N`, `--only a,b`, `--shapes a,b`, `--out DIR`, `--no-taskset`, `--render`, `--merge`.
 * @param {string[]} argv
 * @param {string} defaultOutDir
 * @returns {BenchOptions}
 * @example parseArgs(['--quick', '--only', 'logger-throughput'], '/work/main/bench')
 */
export function parseArgs(argv, defaultOutDir) {
  const options = {
    quick: false,
    rounds: 0,
    only: [],
    shapes: [],
    outDir: defaultOutDir,
    taskset: true,
    render: false,
    merge: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`bench: ${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--rounds') options.rounds = Number(value());
    else if (arg === '--only') options.only = value().split(',').filter(Boolean);
    else if (arg === '--shapes') options.shapes = value().split(',').filter(Boolean);
    // Absolute, because biome formats the outputs from bench/, not from the caller's cwd.
    else if (arg === '--out') options.outDir = resolve(value());
    else if (arg === '--no-taskset') options.taskset = false;
    else if (arg === '--render') options.render = true;
    else if (arg === '--merge') options.merge = true;
    else throw new Error(`bench: unknown option ${arg}`);
  }
  if (options.rounds === 0) options.rounds = options.quick ? 1 : 5;
  if (!Number.isInteger(options.rounds) || options.rounds < 1) {
    throw new Error('bench: --rounds must be a positive integer');
  }
  return options;
}
