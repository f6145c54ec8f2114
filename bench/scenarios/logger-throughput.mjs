// Scenario 1: logger throughput, per call shape. Each shape (lib/log-calls.mjs: the Error first
// or `{ err }` among fields, ECS or custom field names, 3 or 12 fields, nested objects, a child,
// an active span) runs in three loops (tight; an event-loop turn every 100 calls; a logger made
// after the warm-up), each contender in its own process, written to /dev/null. Targets from
// issues 3, 7 and 18: a lead over ecs-pino-format that holds on every shape, loop and time base.
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { FIELDS, SHAPE_NAMES, SHAPES } from '../lib/log-calls.mjs';
import { interleave, series } from '../lib/rounds.mjs';
import { pairwise, summarize } from '../lib/stats.mjs';

const worker = join(import.meta.dirname, '..', 'workers', 'logger-worker.mjs');

/**
 * --quick (the smoke test) runs one shape of each kind: plain fields (in every loop, with the
 * context rows), an error among fields, a span. The shapes differ only in their arguments.
 */
const QUICK_SHAPES = ['fields-3', 'err-fields', 'span-fields'];

/** The timed loops every shape runs in. */
export const LOOPS = ['tight', 'yield', 'fresh'];

/** Contenders per shape; inside a span the peers are ecs-pino-format + instrumentation-pino. */
function variantsOf(shape) {
  return SHAPES[shape].span
    ? ['ours', 'ecs-pino-format+otel-correlation', 'ecs-pino-format+otel', 'pino']
    : ['ours', 'ecs-pino-format', 'pino'];
}

/**
 * The peer each shape's target is set against, and the target (ops/s of ours ÷ the peer's):
 * errors ≥ 1.3×, fields ≥ 1.25×, in a span ≥ 1.5× ecs-pino-format + instrumentation-pino with
 * `disableLogSending: true` (correlation only, the fair peer); its default (log sending on) is
 * held to the same target as a second row.
 */
export function targetsOf(shape) {
  const s = SHAPES[shape];
  if (s.span) {
    return [
      { peer: 'ecs-pino-format+otel-correlation', target: 1.5 },
      { peer: 'ecs-pino-format+otel', target: 1.5 },
    ];
  }
  return [{ peer: 'ecs-pino-format', target: s.error ? 1.3 : 1.25 }];
}

/** Context rows, fields-3 in a tight loop only: other loggers and what ours costs without its write. */
const CONTEXT_VARIANTS = ['ours-sonic-sync', 'pino-same-line', 'winston-ecs', 'bunyan'];

/** The two time bases: ops per CPU-second (primary) and per wall-second. */
const BASES = [
  { key: 'opsPerSec', name: 'CPU' },
  { key: 'wallOpsPerSec', name: 'wall' },
];

/** Fallback static fields for the fair baseline when ours cannot be sampled. */
const DEFAULT_STATIC = {
  'ecs.version': '9.4.0',
  'service.name': 'checkout',
  'service.version': '1.4.2',
  'service.environment': 'production',
  'service.node.name': 'checkout-7d9f8b6c5-x2x4q',
  'event.dataset': 'checkout',
  'host.hostname': 'checkout-7d9f8b6c5-x2x4q',
  'process.pid': 0,
};
const PER_LINE_KEYS = new Set(['@timestamp', 'log.level', 'message', ...Object.keys(FIELDS)]);

/** Our static fields, read from our own line, so "same line" really means the same bytes. */
function staticFieldsOf(line) {
  const record = JSON.parse(line);
  return Object.fromEntries(Object.entries(record).filter(([k]) => !PER_LINE_KEYS.has(k)));
}

const groupOf = (shape, loop) => `${shape} · ${loop}`;

/**
 * Runs the scenario. ctx.shared.oursLine is set for the floor scenario.
 * @param {import('../run.mjs').ScenarioContext} ctx
 */
export async function run(ctx) {
  // 11 shapes × 3 loops × 3–4 contenders: 40,000 calls keep a full run's 100+ processes within
  // minutes, and still time ~0.1–0.5 s of CPU per run.
  const n = ctx.quick ? 2_000 : 40_000;
  const shapes = ctx.options.shapes?.length
    ? ctx.options.shapes
    : ctx.quick
      ? QUICK_SHAPES
      : SHAPE_NAMES;
  for (const shape of shapes) if (!SHAPES[shape]) throw new Error(`bench: unknown shape ${shape}`);
  const jobs = [];
  // --quick (the smoke test) proves every shape and every loop runs, not all combinations.
  const loopsOf = (shape) => (ctx.quick && shape !== 'fields-3' ? ['tight'] : LOOPS);
  for (const shape of shapes) {
    for (const loop of loopsOf(shape)) {
      const variants = [...variantsOf(shape)];
      if (shape === 'fields-3' && loop === 'tight') variants.push(...CONTEXT_VARIANTS);
      for (const variant of variants) {
        // winston is ~10x slower than pino: fewer calls keep the whole bench within minutes.
        const calls = variant === 'winston-ecs' ? Math.ceil(n / 5) : n;
        jobs.push({ key: `${shape}/${loop}/${variant}`, shape, loop, variant, n: calls });
      }
    }
  }

  // What each contender writes, once per (shape, variant): bytes/line and ECS errors.
  ctx.log('  sampling lines (bytes/line, ECS check)');
  const samples = new Map();
  let staticFields = DEFAULT_STATIC;
  const sampleJobs = jobs.filter((j) => j.loop === LOOPS[0]);
  for (const job of sampleJobs.filter((j) => j.variant === 'ours').concat(sampleJobs)) {
    const key = `${job.shape}/${job.variant}`;
    if (samples.has(key)) continue;
    const sample = await ctx.sampleLines(worker, { ...job, staticFields });
    samples.set(key, sample);
    if (key === 'fields-3/ours' && sample.firstLine) {
      staticFields = staticFieldsOf(sample.firstLine);
      ctx.shared.oursLine = `${sample.firstLine}\n`;
      ctx.shared.staticFields = staticFields;
    }
  }

  const outcome = await interleave(ctx, jobs, async (job) => {
    const { result } = await runWorker(
      worker,
      { ...job, mode: 'timed', warmup: Math.ceil(job.n / 5), staticFields },
      { cpu: ctx.cpu('server') },
    );
    return result;
  });

  const rows = jobs.map((job) => {
    const entry = outcome.get(job.key);
    const sample = samples.get(`${job.shape}/${job.variant}`);
    return {
      group: groupOf(job.shape, job.loop),
      variant: job.variant,
      status: entry.unavailable ? `not available yet: ${entry.unavailable}` : sample?.error,
      metrics: {
        opsPerSec: summarize(series(entry, 'opsPerSec')),
        nsPerOp: summarize(series(entry, 'nsPerOp')),
        wallNsPerOp: summarize(series(entry, 'wallNsPerOp')),
        peakRssMiB: summarize(series(entry, 'peakRssMiB')),
        bytesPerLine: sample?.bytesPerLine,
        ecsErrors: sample?.ecsErrors,
      },
      errors: entry.errors,
    };
  });

  const ratio = (shape, loop, subject, peer, base, target) => ({
    group: groupOf(shape, loop),
    label: `${subject} ÷ ${peer} (ops per ${base.name}-s)`,
    kind: 'ratio',
    target,
    ...pairwise(
      series(outcome.get(`${shape}/${loop}/${subject}`), base.key),
      series(outcome.get(`${shape}/${loop}/${peer}`), base.key),
    ),
  });
  const ratios = [];
  const perShape = [];
  for (const shape of shapes) {
    for (const { peer, target } of targetsOf(shape)) {
      const cells = {};
      for (const loop of loopsOf(shape)) {
        for (const base of BASES) {
          const r = ratio(shape, loop, 'ours', peer, base, target);
          ratios.push(r);
          cells[`${loop}/${base.name}`] = r;
        }
      }
      perShape.push({ shape, peer, target, cells });
    }
    for (const loop of loopsOf(shape)) ratios.push(ratio(shape, loop, 'ours', 'pino', BASES[0]));
  }
  if (shapes.includes('fields-3')) {
    const cpu = BASES[0];
    ratios.push(
      ratio('fields-3', 'tight', 'ours', 'pino-same-line', cpu, 1.0),
      ratio('fields-3', 'tight', 'ours-sonic-sync', 'ecs-pino-format', cpu),
      ratio('fields-3', 'tight', 'ours', 'ours-sonic-sync', cpu),
      ratio('fields-3', 'tight', 'ours', 'winston-ecs', cpu),
      ratio('fields-3', 'tight', 'ours', 'bunyan', cpu),
    );
  }

  return {
    name: 'logger-throughput',
    title: 'Logger throughput per call shape (to /dev/null)',
    description:
      `${n.toLocaleString('en')} timed calls per run after ${Math.ceil(n / 5).toLocaleString('en')} ` +
      'warm-up calls (winston: a fifth of each), one process per run, one synchronous write(2) ' +
      'per line to fd 1 = /dev/null for every contender: the baselines through ' +
      '`pino.destination({ dest: 1, sync: true })`, ours through its default destination (one ' +
      '`writeSync` per line when stdout cannot block). Shapes (bench/lib/log-calls.mjs): ' +
      '`fields-3` / `fields-12` custom fields, `-ecs` the same counts under ECS names, `nested` / ' +
      '`nested-ecs` nested objects, `child` a child with 2 bindings, `error` = `log.error(err, msg)`, ' +
      '`err-fields` = `log.error({ err, ...3 fields }, msg)`, `span-*` inside an active OTel span ' +
      '(real NodeTracerProvider). Loops: `tight`; `yield` = `await setImmediate` every 100 calls; ' +
      '`fresh` = the timed calls go to a logger made after the warm-up. `pino` is raw pino (its ' +
      'own non-ECS line), for reference. `ecs-pino-format+otel-correlation` is ' +
      '@opentelemetry/instrumentation-pino with `disableLogSending: true` and ECS logKeys, ' +
      '`+otel` the same with its defaults (log sending on, to the no-op global LoggerProvider). ' +
      "Context rows (fields-3, tight): `ours-sonic-sync` (ours through the baselines' SonicBoom: " +
      "the line-building alone), `pino-same-line` (pino's ordinary options writing our bytes), " +
      'winston + ecs-winston-format, bunyan. Throughput in ops per CPU-second of the pinned ' +
      'worker (`process.cpuUsage()` over the timed loop) and per wall-second. ECS errors = ' +
      'problems of severity error `validateLine` (ecs-schema) finds per line.',
    summary: perShapeTable(perShape, ctx.rounds),
    targets: perShape.map((s) => ({
      group: s.shape,
      label: `ours ÷ ${s.peer} (ops/s; tight, yield, fresh loops)`,
      cell: LOOPS.map((loop) => {
        const c = s.cells[`${loop}/CPU`];
        const w = s.cells[`${loop}/wall`];
        return `${fmtRatio(c?.median)} / ${fmtRatio(w?.median)}`;
      }).join('; '),
      target: `≥ ${s.target.toFixed(2)}× (CPU / wall)`,
      result: shapeVerdict(s),
    })),
    columns: [
      { key: 'opsPerSec', label: 'ops per CPU-second', digits: 0 },
      { key: 'nsPerOp', label: 'CPU ns/op', digits: 0 },
      { key: 'wallNsPerOp', label: 'wall ns/op', digits: 0 },
      { key: 'bytesPerLine', label: 'bytes/line', digits: 0, single: true },
      { key: 'peakRssMiB', label: 'peak RSS MiB', digits: 1 },
      { key: 'ecsErrors', label: 'ECS errors/line', digits: 1, single: true },
    ],
    rows,
    ratios,
    samples: Object.fromEntries(samples),
  };
}

const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');

/** pass when every loop on both time bases reaches the target; else how many of the 6 miss. */
function shapeVerdict(s) {
  const values = Object.values(s.cells).map((r) => r.median);
  if (values.length < LOOPS.length * BASES.length || !values.every(Number.isFinite)) return 'n/a';
  const misses = values.filter((v) => v < s.target).length;
  return misses === 0 ? 'pass' : `miss (${misses} of ${values.length})`;
}

/** The per-shape table: ours ÷ its peer per loop and time base, medians of per-round ratios. */
function perShapeTable(perShape, rounds) {
  const head = ['shape', 'peer', 'target'];
  for (const loop of LOOPS) head.push(`${loop} CPU`, `${loop} wall`);
  head.push('result');
  const lines = [
    `Ours ÷ peer in ops/s, per shape, loop and time base (median of ${rounds} per-round ratios; ` +
      'min–max and the absolute figures in the tables below):',
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i < 3 || i === head.length - 1 ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const s of perShape) {
    const cells = [s.shape, `\`${s.peer}\``, `≥ ${s.target.toFixed(2)}×`];
    for (const loop of LOOPS) {
      for (const base of BASES) cells.push(fmtRatio(s.cells[`${loop}/${base.name}`]?.median));
    }
    cells.push(shapeVerdict(s));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
