// Scenario 1: logger throughput. message + 3 small fields, a child logger with bindings, an
// Error, and a line inside an active OTel span, each written to /dev/null by every contender in
// its own process. Targets from issues 3 and 7.
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { CASES, FIELDS } from '../lib/log-calls.mjs';
import { interleave, series } from '../lib/rounds.mjs';
import { pairwise, summarize } from '../lib/stats.mjs';

const worker = join(import.meta.dirname, '..', 'workers', 'logger-worker.mjs');

/** Which contenders run which case. The span case needs a logger that writes the span's ids. */
const VARIANTS = {
  fields: ['ours', 'ours-sonic-sync', 'pino-same-line', 'ecs-pino-format', 'winston-ecs', 'bunyan'],
  child: ['ours', 'ours-sonic-sync', 'pino-same-line', 'ecs-pino-format', 'winston-ecs', 'bunyan'],
  error: ['ours', 'ours-sonic-sync', 'pino-same-line', 'ecs-pino-format', 'winston-ecs', 'bunyan'],
  span: ['ours', 'pino-same-line', 'ecs-pino-format+otel', 'ecs-pino-format+otel-correlation'],
};

/**
 * [case, peer, target ratio of the subject's ops/s over the peer's (undefined: context only),
 * subject (default `ours`)]
 */
const RATIOS = [
  ['fields', 'pino-same-line', 1.0],
  ['fields', 'ecs-pino-format', 1.25],
  ['fields', 'winston-ecs'],
  ['fields', 'bunyan'],
  ['fields', 'ours-sonic-sync'],
  ['fields', 'ecs-pino-format', undefined, 'ours-sonic-sync'],
  ['child', 'pino-same-line', 1.0],
  ['child', 'ecs-pino-format', 1.25],
  ['child', 'ecs-pino-format', undefined, 'ours-sonic-sync'],
  ['error', 'pino-same-line'],
  ['error', 'ecs-pino-format', 1.3],
  ['error', 'ecs-pino-format', undefined, 'ours-sonic-sync'],
  ['span', 'pino-same-line'],
  ['span', 'ecs-pino-format+otel', 1.5],
  ['span', 'ecs-pino-format+otel-correlation'],
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

/**
 * Runs the scenario. ctx.shared.oursLine is set for the floor scenario.
 * @param {import('../run.mjs').ScenarioContext} ctx
 */
export async function run(ctx) {
  const n = ctx.quick ? 2_000 : 60_000;
  const samples = new Map();
  let staticFields = DEFAULT_STATIC;
  const jobs = [];
  for (const caseName of CASES) {
    for (const variant of VARIANTS[caseName]) {
      // winston is ~10x slower than pino: fewer calls keep the whole bench under 10 minutes.
      const calls = variant === 'winston-ecs' ? Math.ceil(n / 5) : n;
      jobs.push({ key: `${caseName}/${variant}`, caseName, variant, n: calls });
    }
  }

  ctx.log('  sampling lines (bytes/line, ECS check)');
  for (const job of jobs.filter((j) => j.variant === 'ours').concat(jobs)) {
    if (samples.has(job.key)) continue;
    const sample = await ctx.sampleLines(worker, { ...job, staticFields });
    samples.set(job.key, sample);
    if (job.key === 'fields/ours' && sample.firstLine) {
      staticFields = staticFieldsOf(sample.firstLine);
      ctx.shared.oursLine = `${sample.firstLine}\n`;
      ctx.shared.staticFields = staticFields;
    }
  }

  const outcome = await interleave(ctx, jobs, async (job) => {
    const { result } = await runWorker(
      worker,
      { ...job, case: job.caseName, mode: 'timed', warmup: Math.ceil(job.n / 5), staticFields },
      { cpu: ctx.cpu('server') },
    );
    return result;
  });

  const rows = jobs.map((job) => {
    const entry = outcome.get(job.key);
    const sample = samples.get(job.key);
    return {
      group: job.caseName,
      variant: job.variant,
      status: entry.unavailable ? `not available yet: ${entry.unavailable}` : sample.error,
      metrics: {
        opsPerSec: summarize(series(entry, 'opsPerSec')),
        nsPerOp: summarize(series(entry, 'nsPerOp')),
        wallNsPerOp: summarize(series(entry, 'wallNsPerOp')),
        peakRssMiB: summarize(series(entry, 'peakRssMiB')),
        bytesPerLine: sample.bytesPerLine,
        ecsErrors: sample.ecsErrors,
      },
      errors: entry.errors,
    };
  });

  const ratios = RATIOS.map(([caseName, peer, target, subject = 'ours']) => ({
    group: caseName,
    label: `${subject} ÷ ${peer} (ops per CPU-s)`,
    kind: 'ratio',
    target,
    ...pairwise(
      series(outcome.get(`${caseName}/${subject}`), 'opsPerSec'),
      series(outcome.get(`${caseName}/${peer}`), 'opsPerSec'),
    ),
  }));

  return {
    name: 'logger-throughput',
    title: 'Logger throughput (to /dev/null)',
    description:
      `${n.toLocaleString('en')} calls per run after a warm-up (winston: a fifth of that), one ` +
      'process per run, one synchronous write(2) per line to fd 1 = /dev/null for every ' +
      'contender: the baselines through `pino.destination({ dest: 1, sync: true })`, ours ' +
      'through its default destination (which writes a line with one `writeSync` when stdout ' +
      "cannot block), and `ours-sonic-sync` is ours given the baselines' SonicBoom, to show " +
      'what the line-building costs on its own. ' +
      '`pino-same-line` is pino with its ordinary options (messageKey, level formatter, ISO ' +
      '`@timestamp`, `base` = our static fields, an ECS error serializer, a mixin for the span ids) ' +
      'writing the same fields as ours, without our key order or safety rules. `ecs-pino-format+otel` ' +
      'is @opentelemetry/instrumentation-pino with its defaults (log correlation and log sending) ' +
      'and ECS logKeys; `+otel-correlation` the same with `disableLogSending: true`. ' +
      'ECS errors = problems of severity error that `validateLine` (ecs-schema) finds per line. ' +
      'Throughput is counted in CPU time of the worker (`process.cpuUsage()` over the timed loop, ' +
      'the worker pinned to one core), so a run descheduled by the busy machine is not ' +
      'penalized; wall ns/op is context.',
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
