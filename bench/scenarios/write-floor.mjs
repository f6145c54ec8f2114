// Scenario 2: the floor. The same pre-serialized line (our own `fields` line) written N times to
// the same destination, with write(2) directly and through pino's SonicBoom: how close a logger
// can get, and how much of our cost is the write itself.
import { join } from 'node:path';
import { runWorker } from '../lib/child.mjs';
import { interleave, series } from '../lib/rounds.mjs';
import { pairwise, summarize } from '../lib/stats.mjs';

const worker = join(import.meta.dirname, '..', 'workers', 'logger-worker.mjs');
const VARIANTS = ['floor-write-sync', 'floor-sonic-boom', 'ours', 'pino-same-line'];
const FALLBACK_LINE =
  '{"@timestamp":"2026-11-23T10:00:00.000Z","log.level":"info","message":"order placed",' +
  '"ecs.version":"9.4.0","service.name":"checkout","orderId":48213,"customer":"ada","cached":true}\n';

/** @param {import('../run.mjs').ScenarioContext} ctx */
export async function run(ctx) {
  const n = ctx.quick ? 2_000 : 60_000;
  const line = ctx.shared.oursLine ?? FALLBACK_LINE;
  const staticFields = ctx.shared.staticFields;
  const jobs = VARIANTS.map((variant) => ({ key: variant, variant }));
  const outcome = await interleave(ctx, jobs, async (job) => {
    const config = { variant: job.variant, shape: 'fields-3', mode: 'timed', n, warmup: n / 5 };
    const { result } = await runWorker(
      worker,
      { ...config, line, staticFields },
      { cpu: ctx.cpu('server') },
    );
    return result;
  });
  const rows = jobs.map((job) => {
    const entry = outcome.get(job.key);
    return {
      group: 'fields line',
      variant: job.variant,
      status: entry.unavailable ? `not available yet: ${entry.unavailable}` : undefined,
      metrics: {
        opsPerSec: summarize(series(entry, 'opsPerSec')),
        nsPerOp: summarize(series(entry, 'nsPerOp')),
        wallNsPerOp: summarize(series(entry, 'wallNsPerOp')),
      },
      errors: entry.errors,
    };
  });
  const ratio = (a, b) => ({
    group: 'fields line',
    label: `${a} ÷ ${b} (CPU ns/op)`,
    kind: 'ratio',
    ...pairwise(series(outcome.get(a), 'nsPerOp'), series(outcome.get(b), 'nsPerOp')),
  });
  return {
    name: 'write-floor',
    title: 'The floor: the same pre-serialized line written N times',
    description:
      `${n.toLocaleString('en')} writes of our own \`fields\` line (${Buffer.byteLength(line)} ` +
      'bytes) to fd 1 = /dev/null: `writeSync` directly and through SonicBoom (what pino uses), ' +
      'next to ours and plain pino logging that line. The ratios say how many times the bare ' +
      'write a logger costs, in CPU time per op.',
    columns: [
      { key: 'opsPerSec', label: 'ops per CPU-second', digits: 0 },
      { key: 'nsPerOp', label: 'CPU ns/op', digits: 0 },
      { key: 'wallNsPerOp', label: 'wall ns/op', digits: 0 },
    ],
    rows,
    ratios: [
      ratio('ours', 'floor-write-sync'),
      ratio('ours', 'floor-sonic-boom'),
      ratio('pino-same-line', 'floor-sonic-boom'),
    ],
  };
}
