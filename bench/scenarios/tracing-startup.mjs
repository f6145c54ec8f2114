// Scenario 5: what tracing costs an ESM service at start-up (issue 17): time from spawning node
// to the first answered request, and memory after it. Our register entry (only the
// instrumentations whose module is installed load; and with every instrumentation forced on, the
// peer's set) against a plain NodeSDK + getNodeAutoInstrumentations() preloaded the way the OTel
// docs show, and the untraced app. Target: no worse than the peer (its time ÷ ours ≥ 1).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startWorker } from '../lib/child.mjs';
import { startOtlpSink } from '../lib/otlp-sink.mjs';
import { interleave, series } from '../lib/rounds.mjs';
import { pairwise, summarize } from '../lib/stats.mjs';
import { Unavailable } from '../lib/worker-io.mjs';

const APP = join(import.meta.dirname, '../workers/startup-app.mjs');
const PEER = join(import.meta.dirname, '../workers/nodesdk-auto-preload.mjs');

/**
 * Every auto-instrumentation the peer loads by default: all but fs and host-metrics. Read from
 * the peer's source (its map is not exported), not by calling it, which would patch this process.
 */
function peerSet() {
  const main = createRequire(import.meta.url).resolve('@opentelemetry/auto-instrumentations-node');
  const source = readFileSync(join(dirname(main), 'utils.js'), 'utf8');
  return [...source.matchAll(/'@opentelemetry\/instrumentation-([^']+)': instrumentation_/g)]
    .map((m) => m[1])
    .filter((name) => name !== 'fs' && name !== 'host-metrics')
    .join(',');
}

async function startOnce(job) {
  const started = process.hrtime.bigint();
  const worker = startWorker(APP, { variant: job.key }, { nodeArgs: job.nodeArgs, env: job.env });
  try {
    const { port } = await worker.next('listening');
    const first = await fetch(`http://127.0.0.1:${port}/`);
    await first.arrayBuffer();
    const firstRequestMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (first.status !== 200) throw new Error(`${job.key}: first request answered ${first.status}`);
    const memory = await (await fetch(`http://127.0.0.1:${port}/rss`)).json();
    return {
      firstRequestMs,
      cpuMs: memory.cpuMicros / 1000,
      rssMiB: memory.rss / 2 ** 20,
      maxRssMiB: memory.maxRss / 2 ** 20,
    };
  } finally {
    worker.kill();
    await worker.exited;
  }
}

/** @param {import('../run.mjs').ScenarioContext} ctx */
export async function run(ctx) {
  const sink = await startOtlpSink();
  const otlp = {
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  };
  // The ESM build, as `node --import @ecotrace/tracing/register` resolves it.
  let register;
  try {
    register = import.meta.resolve('@ecotrace/tracing/register');
  } catch {
    register = undefined;
  }
  const ours = (env) => {
    if (!register) throw new Unavailable('@ecotrace/tracing not built');
    return { nodeArgs: ['--import', register], env: { ...otlp, ...env } };
  };
  const jobs = [
    { key: 'untraced', nodeArgs: [], env: {} },
    { key: 'ours-register', lazy: () => ours({}) },
    {
      key: 'ours-register-all',
      lazy: () => ours({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: peerSet() }),
    },
    { key: 'nodesdk-auto', nodeArgs: ['--import', PEER], env: otlp },
  ].map((job) => ({ ...job, group: 'express + pg + ioredis, ESM' }));
  const runs = ctx.quick ? 1 : 3;
  let outcome;
  try {
    outcome = await interleave(ctx, jobs, async (job) => {
      const resolved = job.lazy ? { ...job, ...job.lazy() } : job;
      // Several starts per round, the median kept: one start is a few hundred ms of a busy machine.
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await startOnce(resolved));
      const med = (key) => summarize(samples.map((s) => s[key])).median;
      return {
        firstRequestMs: med('firstRequestMs'),
        cpuMs: med('cpuMs'),
        rssMiB: med('rssMiB'),
        maxRssMiB: med('maxRssMiB'),
      };
    });
  } finally {
    await sink.close();
  }
  const columns = [
    { key: 'firstRequestMs', label: 'spawn → first response (ms)', digits: 0 },
    { key: 'cpuMs', label: 'CPU time until then (ms)', digits: 0 },
    { key: 'rssMiB', label: 'RSS after it (MiB)', digits: 1 },
    { key: 'maxRssMiB', label: 'peak RSS (MiB)', digits: 1 },
  ];
  const group = jobs[0].group;
  // Peer ÷ ours: above 1 means ours starts faster / uses less.
  const ratio = (a, b, metric, label, target) => ({
    group,
    label,
    kind: 'ratio',
    target,
    ...pairwise(series(outcome.get(b), metric), series(outcome.get(a), metric)),
  });
  return {
    name: 'tracing-startup',
    title: 'Tracing start-up: time to first request and memory',
    description:
      'An Express 5 app that imports pg and ioredis (not connected), ESM, started with `node ' +
      '--import <tracing> app.mjs`; the time runs from spawning node to the first response to ' +
      `GET /, then the app reports its RSS. ${runs} start(s) per variant per round, the median ` +
      'kept. `ours-register`: `--import @ecotrace/tracing/register`, which loads only the ' +
      'instrumentations whose module is installed (here: those of every package in the ' +
      "workspace's pnpm store); `ours-register-all`: the same with " +
      '`OTEL_NODE_ENABLED_INSTRUMENTATIONS` naming every instrumentation the peer loads; ' +
      '`nodesdk-auto`: the ESM loader hook, then `NodeSDK` + `getNodeAutoInstrumentations()` ' +
      'with defaults. All export OTLP/HTTP to a loopback receiver.',
    columns,
    rows: jobs.map((job) => {
      const entry = outcome.get(job.key);
      return {
        group,
        variant: job.key,
        status: entry.unavailable ? `not available yet: ${entry.unavailable}` : undefined,
        metrics: Object.fromEntries(columns.map((c) => [c.key, summarize(series(entry, c.key))])),
        errors: entry.errors,
      };
    }),
    ratios: [
      ratio(
        'ours-register',
        'nodesdk-auto',
        'cpuMs',
        'nodesdk-auto ÷ ours-register (CPU time to first request)',
        1,
      ),
      ratio(
        'ours-register',
        'nodesdk-auto',
        'firstRequestMs',
        'nodesdk-auto ÷ ours-register (time to first request)',
        1,
      ),
      ratio('ours-register', 'nodesdk-auto', 'rssMiB', 'nodesdk-auto ÷ ours-register (RSS)', 1),
      ratio(
        'ours-register-all',
        'nodesdk-auto',
        'firstRequestMs',
        'nodesdk-auto ÷ ours-register-all (time to first request)',
      ),
      ratio(
        'ours-register-all',
        'nodesdk-auto',
        'rssMiB',
        'nodesdk-auto ÷ ours-register-all (RSS)',
      ),
      ratio(
        'untraced',
        'ours-register',
        'firstRequestMs',
        'ours-register ÷ untraced (time to first request)',
      ),
      ratio(
        'untraced',
        'nodesdk-auto',
        'firstRequestMs',
        'nodesdk-auto ÷ untraced (time to first request)',
      ),
    ],
  };
}
