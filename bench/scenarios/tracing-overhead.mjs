// Scenario 4: what tracing costs an Express service: untraced, ours (exporter none and OTLP to
// a loopback receiver), and a plain NodeSDK with auto-instrumentations-node exporting the same
// way. Target from issues 5 and 7: ours ≥ 1.1× the plain NodeSDK's req/s.
import { measureHttp } from '../lib/http-measure.mjs';
import { startOtlpSink } from '../lib/otlp-sink.mjs';
import { interleave, series } from '../lib/rounds.mjs';
import { pairwise, summarize } from '../lib/stats.mjs';
import { HTTP_COLUMNS, httpDescription, httpRow } from './http-overhead.mjs';

/** @param {import('../run.mjs').ScenarioContext} ctx */
export async function run(ctx) {
  const sink = await startOtlpSink();
  const common = { OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' };
  const otlp = {
    ...common,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  };
  const jobs = [
    { key: 'express-untraced', app: 'express-bare' },
    { key: 'express-ours-otlp', app: 'express-bare', tracing: 'ours', env: otlp },
    {
      key: 'express-ours-none',
      app: 'express-bare',
      tracing: 'ours',
      env: { ...common, OTEL_TRACES_EXPORTER: 'none' },
    },
    { key: 'express-nodesdk-auto-otlp', app: 'express-bare', tracing: 'nodesdk-auto', env: otlp },
  ].map((job) => ({ ...job, group: 'express' }));
  let outcome;
  try {
    outcome = await interleave(ctx, jobs, async (job) => {
      // What reached the receiver while this server ran: proves the OTLP variants export.
      // Approximate per request: batches straddle the warm-up and the end of the run.
      const before = sink.stats.bytes;
      const result = await measureHttp(ctx, job);
      return { ...result, otlpBytesPerReq: (sink.stats.bytes - before) / result.requests };
    });
  } finally {
    await sink.close();
  }
  const ratio = (a, b, target) => ({
    group: 'express',
    label: `${a} ÷ ${b} (req/s)`,
    kind: 'ratio',
    target,
    ...pairwise(series(outcome.get(a), 'reqPerSec'), series(outcome.get(b), 'reqPerSec')),
  });
  // Requests per server CPU-second: the same comparison as req/s, without depending on how much
  // CPU the load generator got on a shared machine (b's CPU per request ÷ a's).
  const capacity = (a, b, target) => ({
    group: 'express',
    label: `${a} ÷ ${b} (requests per server CPU-second)`,
    kind: 'ratio',
    target,
    ...pairwise(series(outcome.get(b), 'cpuUsPerReq'), series(outcome.get(a), 'cpuUsPerReq')),
  });
  const delta = (a, b) => ({
    group: 'express',
    label: `${a} − ${b} (server CPU µs/request)`,
    kind: 'delta',
    ...pairwise(
      series(outcome.get(a), 'cpuUsPerReq'),
      series(outcome.get(b), 'cpuUsPerReq'),
      (x, y) => x - y,
    ),
  });
  return {
    name: 'tracing-overhead',
    title: 'Tracing overhead: traced vs untraced Express',
    description:
      `${httpDescription(ctx, { saturate: false })} Every request is sampled (x-b3-sampled: 1 for ours; the NodeSDK's ` +
      'default W3C propagator ignores B3 and samples every root). OTLP/HTTP protobuf goes to a ' +
      `loopback receiver in the bench process (${sink.stats.requests} export requests, ` +
      `${(sink.stats.bytes / 2 ** 20).toFixed(1)} MiB received in this run).`,
    columns: [
      ...HTTP_COLUMNS,
      { key: 'otlpBytesPerReq', label: 'OTLP bytes/req (approx.)', digits: 0 },
    ],
    rows: jobs.map((job) => {
      const row = httpRow(job, outcome.get(job.key));
      row.metrics.otlpBytesPerReq = summarize(series(outcome.get(job.key), 'otlpBytesPerReq'));
      return row;
    }),
    ratios: [
      ratio('express-ours-otlp', 'express-nodesdk-auto-otlp', 1.1),
      capacity('express-ours-otlp', 'express-nodesdk-auto-otlp', 1.1),
      capacity('express-ours-none', 'express-nodesdk-auto-otlp'),
      ratio('express-ours-otlp', 'express-untraced'),
      ratio('express-ours-none', 'express-untraced'),
      ratio('express-nodesdk-auto-otlp', 'express-untraced'),
      delta('express-ours-otlp', 'express-untraced'),
      delta('express-nodesdk-auto-otlp', 'express-untraced'),
    ],
    sink: { ...sink.stats },
  };
}
