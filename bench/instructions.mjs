#!/usr/bin/env node
// `node bench/instructions.mjs`: user-space instructions per log line, counted by valgrind's
// callgrind, for ours and the peers on every logger-throughput shape. Unlike CPU time, the count
// hardly moves with the machine's load (about ±3% here), so it is the A/B figure for line-building
// work; it leaves out what the kernel spends in write(2), which CPU time includes.
//
// Each (shape, variant) runs twice under callgrind with the same warm-up, once with N1 and once
// with N2 timed calls; (instructions(N2) − instructions(N1)) ÷ (N2 − N1) is the cost of one line
// in the steady state, start-up and warm-up cancelled out. Writes INSTRUCTIONS.md (or --out).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_ENV } from './lib/child.mjs';
import { SHAPE_NAMES, SHAPES } from './lib/log-calls.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const shapes = option('--shapes', SHAPE_NAMES.join(',')).split(',');
const variantsOption = option('--variants', undefined);
const warmup = Number(option('--warmup', '5000'));
const n1 = Number(option('--n1', '1000'));
const n2 = Number(option('--n2', '21000'));
const jobs = Number(option('--jobs', '1'));
const out = option('--out', join(import.meta.dirname, 'INSTRUCTIONS.md'));
// Another build of ours to count (a file path or URL of its ESM entry), for A/B without rebuilding.
const logger = option('--logger', undefined);
const worker = join(import.meta.dirname, 'workers', 'logger-worker.mjs');

function variantsOf(shape) {
  if (variantsOption) return variantsOption.split(',');
  return SHAPES[shape].span
    ? ['ours', 'ecs-pino-format+otel-correlation', 'ecs-pino-format+otel', 'pino']
    : ['ours', 'ecs-pino-format', 'pino'];
}

/** Total instructions (Ir) of one worker run under callgrind. */
function count(shape, variant, n) {
  const config = { variant, shape, mode: 'timed', loop: 'tight', n, warmup };
  return new Promise((done, fail) => {
    const child = spawn(
      'valgrind',
      ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, worker],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          ...BENCH_ENV,
          BENCH_CONFIG: JSON.stringify(config),
          ...(logger ? { BENCH_LOGGER: pathToFileURL(resolve(logger)).href } : {}),
        },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => {
      const m = /Collected : (\d+)/.exec(stderr);
      if (code !== 0 || !m) fail(new Error(`${shape}/${variant} n=${n}: ${stderr.slice(-1500)}`));
      else done(Number(m[1]));
    });
  });
}

const tasks = [];
for (const shape of shapes) {
  if (!SHAPES[shape]) throw new Error(`unknown shape ${shape}`);
  for (const variant of variantsOf(shape)) tasks.push({ shape, variant });
}
const results = new Map();
let next = 0;
async function runner() {
  while (next < tasks.length) {
    const task = tasks[next++];
    const [a, b] = [
      await count(task.shape, task.variant, n1),
      await count(task.shape, task.variant, n2),
    ];
    const perLine = (b - a) / (n2 - n1);
    results.set(`${task.shape}/${task.variant}`, perLine);
    process.stderr.write(
      `${task.shape}/${task.variant}: ${Math.round(perLine)} instructions/line\n`,
    );
  }
}
await Promise.all(Array.from({ length: jobs }, runner));

const fmt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '–');
const lines = [
  '# Instructions per log line (callgrind)',
  '',
  `Written by \`node bench/instructions.mjs\` on ${new Date().toISOString()}, Node ${process.version}, ` +
    `${os.cpus()[0]?.model ?? 'unknown CPU'}. User-space instructions (valgrind callgrind, all ` +
    `threads) per line: (count with ${n2.toLocaleString('en')} − count with ${n1.toLocaleString('en')} ` +
    `timed calls) ÷ ${(n2 - n1).toLocaleString('en')}, both after ${warmup.toLocaleString('en')} ` +
    'warm-up calls, tight loop, output to /dev/null. Kernel time of write(2) is not counted. ' +
    'Repeat runs agree within about ±3%.',
  '',
  '| shape | ours | peer | peer instructions | peer ÷ ours | pino (raw) |',
  '| --- | ---: | --- | ---: | ---: | ---: |',
];
for (const shape of shapes) {
  const ours = results.get(`${shape}/ours`);
  const pino = results.get(`${shape}/pino`);
  const peers = variantsOf(shape).filter((v) => v !== 'ours' && v !== 'pino');
  for (const peer of peers) {
    const p = results.get(`${shape}/${peer}`);
    lines.push(
      `| ${shape} | ${fmt(ours)} | \`${peer}\` | ${fmt(p)} | ${Number.isFinite(p / ours) ? (p / ours).toFixed(2) : '–'}× | ${fmt(pino)} |`,
    );
  }
}
writeFileSync(resolve(out), `${lines.join('\n')}\n`);
process.stderr.write(`wrote ${out}\n`);
