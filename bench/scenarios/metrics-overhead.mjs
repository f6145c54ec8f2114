// Scenario 5: what RED metrics cost an HTTP service (issue 20). The http-overhead endpoint under
// the same saturating autocannon load with Envoy's headers, bare and with: a hand-written
// prom-client histogram (the floor), ours (ecsMetrics: histogram with trace exemplars, in-flight
// gauge, default metrics), and the packages users pick (express-prom-bundle; fastify-metrics with
// its defaults and with its summary off). Plus memory per active series, in fresh processes.
import { join } from 'node:path';
import { startWorker } from '../lib/child.mjs';
import { ENVOY_HEADERS } from '../lib/envoy-headers.mjs';
import { measureHttp } from '../lib/http-measure.mjs';
import { interleave, series } from '../lib/rounds.mjs';
import { pairwise, summarize } from '../lib/stats.mjs';
import { HTTP_COLUMNS, httpDescription } from './http-overhead.mjs';

const JOBS = [
  { key: 'express-bare', group: 'express' },
  { key: 'express-prom-floor', group: 'express' },
  { key: 'express-ecs-metrics', group: 'express' },
  { key: 'express-ecs-metrics-lean', group: 'express' },
  { key: 'express-prom-bundle', group: 'express' },
  { key: 'fastify-bare', group: 'fastify' },
  { key: 'fastify-prom-floor', group: 'fastify' },
  { key: 'fastify-ecs-metrics', group: 'fastify' },
  { key: 'fastify-ecs-metrics-lean', group: 'fastify' },
  { key: 'fastify-metrics', group: 'fastify' },
  { key: 'fastify-metrics-hist', group: 'fastify' },
].map((job) => ({ ...job, app: job.key, saturate: true }));

/** [ours, peer]: the peer's added CPU ÷ ours (≥ 1 means ours costs no more; issue 20's goal). */
const VERSUS = [
  ['express-ecs-metrics', 'express-prom-bundle', 1],
  ['fastify-ecs-metrics', 'fastify-metrics', 1],
  ['fastify-ecs-metrics', 'fastify-metrics-hist'],
  ['express-ecs-metrics-lean', 'express-prom-floor'],
  ['fastify-ecs-metrics-lean', 'fastify-prom-floor'],
];

const INJECT_COLUMN = { key: 'injectCpuUs', label: 'in-process CPU µs/req', digits: 1 };

const SAMPLE_COLUMNS = [
  { key: 'recorded', label: 'requests recorded of 5', digits: 0, single: true },
  { key: 'exemplars', label: 'trace exemplars', digits: 0, single: true },
];

const serverScript = join(import.meta.dirname, '..', 'workers', 'http-server.mjs');
const memoryScript = join(import.meta.dirname, '..', 'workers', 'metrics-memory.mjs');
const injectScript = join(import.meta.dirname, '..', 'workers', 'metrics-inject.mjs');

/** CPU per request in-process (light-my-request, no sockets): see workers/metrics-inject.mjs. */
async function measureInject(ctx, job) {
  const worker = startWorker(
    injectScript,
    { app: job.app, warmup: ctx.quick ? 200 : 3000, requests: ctx.quick ? 1000 : 20000 },
    { cpu: ctx.cpu('server') },
  );
  try {
    const result = await worker.next('result');
    const expected = ctx.quick ? 1200 : 23000;
    if (!job.key.endsWith('-bare') && result.recorded !== expected) {
      throw new Error(`${job.key}: recorded ${result.recorded} of ${expected} requests`);
    }
    return result;
  } finally {
    worker.kill();
  }
}
const OPENMETRICS = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';

/** Proves a setup records: 5 requests, then its /metrics (OpenMetrics asked for). */
async function sampleMetrics(job) {
  const server = startWorker(serverScript, { variant: job.key, app: job.app });
  try {
    const { port } = await server.next('ready');
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/orders/48213`, { headers: ENVOY_HEADERS });
      await res.arrayBuffer();
    }
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { accept: OPENMETRICS },
    });
    const text = await res.text();
    if (job.key.endsWith('-bare')) return {};
    const counts = text
      .split('\n')
      .filter(
        (l) => /^http_(server_)?request_duration_seconds_count\{/.test(l) && l.includes('200'),
      )
      .map((l) => Number(l.split(' ').at(-1)));
    const exemplars = text
      .split('\n')
      .filter((l) => l.includes(`trace_id="${ENVOY_HEADERS['x-b3-traceid']}"`));
    return { recorded: counts.reduce((a, b) => a + b, 0), exemplars: exemplars.length };
  } catch (error) {
    return { error: String(error?.message ?? error) };
  } finally {
    server.send({ type: 'stop' });
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 2000))]);
    server.kill();
  }
}

async function measureMemory(ctx, variant) {
  const worker = startWorker(
    memoryScript,
    { variant, series: ctx.quick ? 200 : 2000 },
    { nodeArgs: ['--expose-gc'] },
  );
  try {
    return await worker.next('result');
  } finally {
    worker.kill();
  }
}

/** @param {import('../run.mjs').ScenarioContext} ctx */
export async function run(ctx) {
  ctx.log('  sampling /metrics (5 requests per server)');
  const samples = new Map();
  for (const job of JOBS) samples.set(job.key, await sampleMetrics(job));
  const outcome = await interleave(ctx, JOBS, (job) => measureHttp(ctx, job));
  ctx.log('  in-process CPU per request (light-my-request)');
  const injected = await interleave(ctx, JOBS, (job) => measureInject(ctx, job));
  ctx.log('  memory per series');
  const memory = [];
  for (const variant of [
    'prom-client-histogram',
    'prom-client-histogram-exemplars',
    'ecs-metrics',
  ]) {
    const runs = [];
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) runs.push(await measureMemory(ctx, variant));
    memory.push({ variant, bytesPerSeries: summarize(runs.map((r) => r.bytesPerSeries)) });
  }
  /** Round-by-round CPU a setup adds over its framework's bare server, in `source`'s runs. */
  const added = (source, variant) => {
    const bare = `${variant.split('-')[0]}-bare`;
    return pairwise(
      series(source.get(variant), 'cpuUsPerReq'),
      series(source.get(bare), 'cpuUsPerReq'),
      (x, y) => x - y,
    );
  };
  return {
    name: 'metrics-overhead',
    title: 'Metrics overhead: RED metrics with exemplars vs the packages users pick',
    description:
      '"in-process CPU µs/req": each server\'s request handler driven in its own pinned process through light-my-request (no sockets, no load generator), ' +
      `${ctx.quick ? '1,000' : '20,000'} requests with Envoy's headers after ${ctx.quick ? '200' : '3,000'} of warm-up, \`process.cpuUsage()\` over them; every setup must have recorded all of them (its /metrics is read after). ` +
      'It is the figure the targets use: the machine is shared and under autocannon its load scatters rounds too far. ' +
      `Then autocannon, as in http-overhead: ${httpDescription(ctx, { saturate: false })} (8 pipelined requests per connection). ` +
      '`*-prom-floor` = one hand-written prom-client histogram (same labels and buckets as ours, observed at `finish`), no exemplars, no default metrics; ' +
      '`*-ecs-metrics` = `ecsMetrics()` with its defaults (histogram with trace_id/span_id exemplars from the B3 headers, in-flight gauge, default metrics), `-lean` without the default metrics (the request path alone, to set against the floor); ' +
      '`express-prom-bundle` = method, path and status labels and default metrics; `fastify-metrics` = its defaults (histogram and summary, default metrics), `-hist` with the summary off. ' +
      '"requests recorded" and "trace exemplars" come from /metrics after 5 sampled requests. Memory per series: bytes of heap per distinct label set after GC, 2,000 series in a fresh process (' +
      memory
        .map((m) => `${m.variant} ${Math.round(m.bytesPerSeries.median).toLocaleString('en')}`)
        .join(', ') +
      ' bytes; median of 3 processes; ours includes its route-label set and an exemplar in one bucket per series).',
    columns: [INJECT_COLUMN, ...HTTP_COLUMNS, ...SAMPLE_COLUMNS],
    rows: JOBS.map((job) => {
      const entry = outcome.get(job.key);
      const sample = samples.get(job.key) ?? {};
      const metrics = Object.fromEntries(
        HTTP_COLUMNS.map((c) => [c.key, summarize(series(entry, c.key))]),
      );
      metrics[INJECT_COLUMN.key] = summarize(series(injected.get(job.key), 'cpuUsPerReq'));
      for (const c of SAMPLE_COLUMNS) metrics[c.key] = sample[c.key];
      return {
        group: job.group,
        variant: job.key,
        status: entry.unavailable
          ? `not available yet: ${entry.unavailable}`
          : sample.error && `sample failed: ${sample.error}`,
        metrics,
        errors: [...entry.errors, ...injected.get(job.key).errors],
      };
    }),
    ratios: [
      ...JOBS.filter((j) => !j.key.endsWith('-bare')).map((job) => ({
        group: job.group,
        label: `${job.key} − ${job.group}-bare (in-process CPU µs/request)`,
        kind: 'delta',
        ...added(injected, job.key),
      })),
      ...VERSUS.map(([ours, peer, target]) => ({
        group: ours.split('-')[0],
        label: `(${peer} − bare) ÷ (${ours} − bare): added in-process CPU, peer ÷ ours`,
        kind: 'ratio',
        target,
        ...pairwise(added(injected, peer).perRound, added(injected, ours).perRound),
      })),
      // Under autocannon: the whole server, sockets included; on a loaded machine the rounds
      // scatter so much (deltas of either sign) that these are context, not a verdict.
      ...JOBS.filter((j) => !j.key.endsWith('-bare')).map((job) => ({
        group: job.group,
        label: `${job.key} − ${job.group}-bare (server CPU µs/request under autocannon)`,
        kind: 'delta',
        ...added(outcome, job.key),
      })),
    ],
    memory,
  };
}
