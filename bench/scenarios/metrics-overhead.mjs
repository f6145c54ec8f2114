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
  { key: 'express-prom-bundle', group: 'express' },
  { key: 'fastify-bare', group: 'fastify' },
  { key: 'fastify-prom-floor', group: 'fastify' },
  { key: 'fastify-ecs-metrics', group: 'fastify' },
  { key: 'fastify-metrics', group: 'fastify' },
  { key: 'fastify-metrics-hist', group: 'fastify' },
].map((job) => ({ ...job, app: job.key, saturate: true }));

/** [ours, peer]: the peer's added CPU ÷ ours (≥ 1 means ours costs no more; issue 20's goal). */
const VERSUS = [
  ['express-ecs-metrics', 'express-prom-bundle', 1],
  ['fastify-ecs-metrics', 'fastify-metrics', 1],
  ['fastify-ecs-metrics', 'fastify-metrics-hist'],
  ['express-ecs-metrics', 'express-prom-floor'],
  ['fastify-ecs-metrics', 'fastify-prom-floor'],
];

const SAMPLE_COLUMNS = [
  { key: 'recorded', label: 'requests recorded of 5', digits: 0, single: true },
  { key: 'exemplars', label: 'trace exemplars', digits: 0, single: true },
];

const serverScript = join(import.meta.dirname, '..', 'workers', 'http-server.mjs');
const memoryScript = join(import.meta.dirname, '..', 'workers', 'metrics-memory.mjs');
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
  const added = (variant) => {
    const bare = `${variant.split('-')[0]}-bare`;
    return pairwise(
      series(outcome.get(variant), 'cpuUsPerReq'),
      series(outcome.get(bare), 'cpuUsPerReq'),
      (x, y) => x - y,
    );
  };
  const addedPerRound = (variant) => added(variant).perRound;
  return {
    name: 'metrics-overhead',
    title: 'Metrics overhead: RED metrics with exemplars vs the packages users pick',
    description:
      `${httpDescription(ctx, { saturate: false })} Same load as http-overhead (8 pipelined requests per connection). ` +
      '`*-prom-floor` = one hand-written prom-client histogram (same labels and buckets as ours, observed at `finish`), no exemplars, no default metrics; ' +
      '`*-ecs-metrics` = `ecsMetrics()` with its defaults (histogram with trace_id/span_id exemplars from the B3 headers, in-flight gauge, default metrics); ' +
      '`express-prom-bundle` = method, path and status labels and default metrics; `fastify-metrics` = its defaults (histogram and summary, default metrics), `-hist` with the summary off. ' +
      '"requests recorded" and "trace exemplars" come from /metrics after 5 sampled requests. Memory per series: bytes of heap per distinct label set after GC, 2,000 series in a fresh process (' +
      memory
        .map((m) => `${m.variant} ${Math.round(m.bytesPerSeries.median).toLocaleString('en')}`)
        .join(', ') +
      ' bytes; median of 3 processes; ours includes its route-label set and an exemplar in one bucket per series).',
    columns: [...HTTP_COLUMNS, ...SAMPLE_COLUMNS],
    rows: JOBS.map((job) => {
      const entry = outcome.get(job.key);
      const sample = samples.get(job.key) ?? {};
      const metrics = Object.fromEntries(
        HTTP_COLUMNS.map((c) => [c.key, summarize(series(entry, c.key))]),
      );
      for (const c of SAMPLE_COLUMNS) metrics[c.key] = sample[c.key];
      return {
        group: job.group,
        variant: job.key,
        status: entry.unavailable
          ? `not available yet: ${entry.unavailable}`
          : sample.error && `sample failed: ${sample.error}`,
        metrics,
        errors: entry.errors,
      };
    }),
    ratios: [
      ...JOBS.filter((j) => !j.key.endsWith('-bare')).map((job) => ({
        group: job.group,
        label: `${job.key} − ${job.group}-bare (server CPU µs/request)`,
        kind: 'delta',
        ...added(job.key),
      })),
      ...VERSUS.map(([ours, peer, target]) => ({
        group: ours.split('-')[0],
        label: `(${peer} − bare) ÷ (${ours} − bare): added CPU, peer ÷ ours`,
        kind: 'ratio',
        target,
        ...pairwise(addedPerRound(peer), addedPerRound(ours)),
      })),
    ],
    memory,
  };
}
