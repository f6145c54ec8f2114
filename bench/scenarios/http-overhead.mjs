// Scenario 3: what a logging setup costs an HTTP service. Express and Fastify, bare, with ours,
// and with the peers' documented setups, under autocannon. Targets from issue 18 (ratios of
// added CPU against the peers, replacing issue 4's absolute µs).
import { measureHttp, SATURATING_PIPELINE } from '../lib/http-measure.mjs';
import { sampleHttp } from '../lib/http-sample.mjs';
import { interleave, series } from '../lib/rounds.mjs';
import { pairwise, summarize } from '../lib/stats.mjs';

// `*-als` is the bare app plus one AsyncLocalStorage.run() per request and nothing else: the
// floor of any setup that lets code at any async depth find the request (getLogger() does).
// `*-minimal` adds to it the echoed x-request-id and the same access line as ours, built by hand
// from a template (lib/minimal-access-log.mjs): what the work costs before any of our features.
// `fastify-minimal-logger` runs it on a Fastify given our logger through fastifyLoggerOptions,
// as issue 4 wants request.log to be ours: the least a setup meeting the issue can cost there.
const JOBS = [
  { key: 'express-bare', group: 'express' },
  { key: 'express-als', group: 'express' },
  { key: 'express-minimal', group: 'express' },
  { key: 'express-ours', group: 'express' },
  { key: 'express-pino-http-ecs', group: 'express' },
  { key: 'fastify-bare', group: 'fastify' },
  { key: 'fastify-als', group: 'fastify' },
  { key: 'fastify-minimal', group: 'fastify' },
  { key: 'fastify-minimal-logger', group: 'fastify' },
  { key: 'fastify-ours', group: 'fastify' },
  { key: 'fastify-logger-ecs', group: 'fastify' },
].map((job) => ({ ...job, app: job.key, saturate: true }));

/** [variant, bare]: CPU µs per request a setup adds over its bare app (context, no target). */
const DELTAS = [
  ['express-ours', 'express-bare'],
  ['express-als', 'express-bare'],
  ['express-ours', 'express-als'],
  ['express-minimal', 'express-bare'],
  ['express-ours', 'express-minimal'],
  ['express-pino-http-ecs', 'express-bare'],
  ['fastify-ours', 'fastify-bare'],
  ['fastify-als', 'fastify-bare'],
  ['fastify-ours', 'fastify-als'],
  ['fastify-minimal', 'fastify-bare'],
  ['fastify-ours', 'fastify-minimal'],
  ['fastify-minimal-logger', 'fastify-bare'],
  ['fastify-ours', 'fastify-minimal-logger'],
  ['fastify-logger-ecs', 'fastify-bare'],
];

/**
 * Targets as ratios of added CPU against the peers in the same round (issue 18; they replace
 * the absolute +12 / +15 µs of issue 4, which this machine's syscall costs made unreachable):
 * [ours, peer, bare, most ours may add ÷ what the peer adds]. Fastify + ours adds no more than
 * Fastify's own logger + ecs-pino-format; Express + ours at most half of pino-http +
 * ecs-pino-format.
 */
export const OVERHEAD_RATIOS = [
  ['fastify-ours', 'fastify-logger-ecs', 'fastify-bare', 1.0],
  ['express-ours', 'express-pino-http-ecs', 'express-bare', 0.5],
];

/** (ours − bare) ÷ (peer − bare) per round, from three runs of the same round. */
export function overheadRatio(outcome, [ours, peer, bare, target]) {
  const o = series(outcome.get(ours), 'cpuUsPerReq');
  const p = series(outcome.get(peer), 'cpuUsPerReq');
  const b = series(outcome.get(bare), 'cpuUsPerReq');
  const added = (x, i) => (Number.isFinite(x) && Number.isFinite(b[i]) ? x - b[i] : undefined);
  return {
    group: ours.split('-')[0],
    label: `(${ours} − ${bare}) ÷ (${peer} − ${bare}) (added server CPU/request)`,
    kind: 'max-ratio',
    target,
    ...pairwise(o.map(added), p.map(added)),
  };
}

/** @param {import('../run.mjs').ScenarioContext} ctx */
export async function run(ctx) {
  ctx.log('  sampling log output (5 requests per server)');
  const samples = new Map();
  for (const job of JOBS) samples.set(job.key, await sampleHttp(job));
  const outcome = await interleave(ctx, JOBS, (job) => measureHttp(ctx, job));
  return {
    name: 'http-overhead',
    title: 'HTTP overhead: a small JSON endpoint under autocannon',
    description: httpDescription(ctx, { saturate: true }),
    columns: [...HTTP_COLUMNS, ...LOG_COLUMNS],
    rows: JOBS.map((job) => httpRow(job, outcome.get(job.key), samples.get(job.key))),
    ratios: [
      ...OVERHEAD_RATIOS.map((spec) => overheadRatio(outcome, spec)),
      ...DELTAS.map(([variant, bare]) => ({
        group: variant.split('-')[0],
        label: `${variant} − ${bare} (server CPU µs/request)`,
        kind: 'delta',
        ...pairwise(
          series(outcome.get(variant), 'cpuUsPerReq'),
          series(outcome.get(bare), 'cpuUsPerReq'),
          (x, y) => x - y,
        ),
      })),
    ],
  };
}

/** Columns shared with the tracing scenario. */
export const HTTP_COLUMNS = [
  { key: 'cpuUsPerReq', label: 'server CPU µs/req', digits: 1 },
  { key: 'reqPerSec', label: 'req/s', digits: 0 },
  { key: 'busyPct', label: 'server busy %', digits: 0 },
  { key: 'p99Ms', label: 'p99 ms', digits: 1 },
  { key: 'rssMiB', label: 'server RSS MiB', digits: 0 },
];

/** What the sampled requests logged (one value per variant, not per round). */
const LOG_COLUMNS = [
  { key: 'linesPerRequest', label: 'log lines/req', digits: 1, single: true },
  { key: 'bytesPerRequest', label: 'log bytes/req', digits: 0, single: true },
  { key: 'ecsErrors', label: 'ECS errors/line', digits: 1, single: true },
];

export function httpRow(job, entry, sample) {
  const metrics = Object.fromEntries(
    HTTP_COLUMNS.map((c) => [c.key, summarize(series(entry, c.key))]),
  );
  if (sample) {
    for (const c of LOG_COLUMNS) metrics[c.key] = sample[c.key];
  }
  return {
    group: job.group,
    variant: job.key,
    status: entry.unavailable
      ? `not available yet: ${entry.unavailable}`
      : sample?.error && `log sample failed: ${sample.error}`,
    metrics,
    errors: entry.errors,
    firstLogLine: sample?.firstLine,
  };
}

export function httpDescription(ctx, { saturate }) {
  const seconds = ctx.quick ? 1 : 3;
  return (
    `autocannon, 10 connections${saturate ? ` with ${SATURATING_PIPELINE} pipelined requests each (server saturated in every variant: see "server busy")` : ''}, ` +
    `${seconds} s measured after 1 s of warm-up, requests carrying ` +
    "Envoy's x-request-id and x-b3-* headers; " +
    (ctx.options.taskset
      ? 'server pinned to core 0 and load generator to core 1 (`taskset`). '
      : 'no core pinning (taskset unavailable or disabled). ') +
    'Server CPU µs/req = user+sys CPU of the server process (`process.cpuUsage()`) over the ' +
    'measured window ÷ requests it served, all threads included (so asynchronous writes count); ' +
    'logs to /dev/null, each setup with its default destination (ours: a direct write(2) per ' +
    'line; pino-http and Fastify: synchronous SonicBoom). `*-als` = bare + one ' +
    'AsyncLocalStorage.run() per request' +
    (saturate
      ? '; `*-minimal` = that plus the echoed x-request-id and the same access line as ours, ' +
        'built by hand from a template and written with one writeSync (bench/lib/minimal-access-log.mjs); ' +
        '`fastify-minimal-logger` = the minimal logger on a Fastify given our logger (fastifyLoggerOptions), so that request.log and fastify.log are ours, as the plugin promises. '
      : '. ') +
    'Log lines/bytes per request and ' +
    'ECS errors come from 5 sampled requests with stdout piped.'
  );
}
