#!/usr/bin/env node
// `pnpm bench`: runs every scenario (each variant in its own process, interleaved rounds) and
// writes RESULTS.md and results.json. `--quick` is for the smoke test only.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { machineInfo, tasksetAvailable } from './lib/machine.mjs';
import { renderReport } from './lib/report.mjs';
import { sampleLines } from './lib/sample-lines.mjs';
import * as httpOverhead from './scenarios/http-overhead.mjs';
import * as loggerThroughput from './scenarios/logger-throughput.mjs';
import * as metricsOverhead from './scenarios/metrics-overhead.mjs';
import * as tracingOverhead from './scenarios/tracing-overhead.mjs';
import * as tracingStartup from './scenarios/tracing-startup.mjs';
import * as writeFloor from './scenarios/write-floor.mjs';

/**
 * @typedef {object} ScenarioContext
 * @property {import('./lib/args.mjs').BenchOptions} options
 * @property {boolean} quick
 * @property {number} rounds
 * @property {(role: 'server' | 'load') => number | undefined} cpu  core to pin to, if pinning
 * @property {(line: string) => void} log
 * @property {typeof sampleLines} sampleLines
 * @property {Record<string, any>} shared  what one scenario hands the next (our sample line)
 */

// Order matters: the floor writes the line that logger-throughput sampled from ours.
const SCENARIOS = {
  'logger-throughput': loggerThroughput,
  'write-floor': writeFloor,
  'http-overhead': httpOverhead,
  'tracing-overhead': tracingOverhead,
  'metrics-overhead': metricsOverhead,
  'tracing-startup': tracingStartup,
};

const options = parseArgs(process.argv.slice(2), import.meta.dirname);
for (const name of options.only) {
  if (!SCENARIOS[name]) throw new Error(`bench: unknown scenario ${name}`);
}
if (options.render) {
  // Re-render RESULTS.md from the raw numbers of the last run (report changes, no new run).
  const json = join(options.outDir, options.quick ? 'results.quick.json' : 'results.json');
  const md = join(options.outDir, options.quick ? 'RESULTS.quick.md' : 'RESULTS.md');
  writeFileSync(md, renderReport(JSON.parse(readFileSync(json, 'utf8'))));
  formatWithBiome([md]);
  process.exit(0);
}
// Created before the run, so a bad --out fails in a second rather than after minutes of work.
mkdirSync(options.outDir, { recursive: true });
options.taskset &&= tasksetAvailable();
const machine = machineInfo(options);
const log = (line) => process.stderr.write(`${line}\n`);
log(
  `[bench] ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage.join(' ')}, pinning: ${options.taskset ? 'taskset' : 'none'}`,
);

/** @type {ScenarioContext} */
const ctx = {
  options,
  quick: options.quick,
  rounds: options.rounds,
  cpu: (role) => (options.taskset ? (role === 'server' ? 0 : 1) : undefined),
  log,
  sampleLines,
  shared: {},
};

const started = Date.now();
const scenarios = [];
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  if (options.only.length > 0 && !options.only.includes(name)) continue;
  log(`[bench] ${name}`);
  const t0 = Date.now();
  const result = await scenario.run(ctx);
  // When each section was measured, for a RESULTS.md whose sections come from several runs.
  result.ranAt = {
    date: new Date(t0).toISOString(),
    node: machine.node,
    loadAverage: machine.loadAverage,
    rounds: options.rounds,
  };
  scenarios.push(result);
  log(`[bench] ${name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const seconds = (Date.now() - started) / 1000;
const jsonName = options.quick ? 'results.quick.json' : 'results.json';
const mdName = options.quick ? 'RESULTS.quick.md' : 'RESULTS.md';
const report = { machine, options, seconds, scenarios: mergeWithPrevious(scenarios), jsonName };
writeFileSync(join(options.outDir, jsonName), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(options.outDir, mdName), renderReport(report));
formatWithBiome([join(options.outDir, mdName), join(options.outDir, jsonName)]);
log(`[bench] wrote ${join(options.outDir, mdName)} and ${jsonName} in ${seconds.toFixed(0)} s`);

/**
 * `--merge`: the scenarios just run replace their own sections of the existing results.json, and
 * the other sections stay as they were (each says when it was measured), so rerunning one
 * scenario does not drop the others from RESULTS.md.
 */
function mergeWithPrevious(fresh) {
  if (!options.merge) return fresh;
  let previous;
  try {
    previous = JSON.parse(readFileSync(join(options.outDir, jsonName), 'utf8')).scenarios;
  } catch {
    return fresh;
  }
  const byName = new Map(fresh.map((s) => [s.name, s]));
  const merged = previous.map((s) => byName.get(s.name) ?? s);
  for (const s of fresh) if (!previous.some((p) => p.name === s.name)) merged.push(s);
  return merged;
}

/** The outputs are committed: format them the way `pnpm lint` (biome) expects, when we can. */
function formatWithBiome(paths) {
  // Only files in the repo are committed, and biome aborts on paths outside its root (--out /tmp/x).
  const repoRoot = join(import.meta.dirname, '..');
  const files = paths.filter((file) => !relative(repoRoot, file).startsWith('..'));
  if (files.length === 0) return;
  let bin;
  try {
    bin = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  } catch {
    return;
  }
  const result = spawnSync(process.execPath, [bin, 'format', '--write', ...files], {
    cwd: import.meta.dirname,
    encoding: 'utf8',
  });
  if (result.status !== 0) log(`[bench] biome format failed: ${result.stderr}`);
}
