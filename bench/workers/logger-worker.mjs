// One logger variant, one case, in its own process. `timed`: warm up, then time N calls to a
// /dev/null stdout. `sample`: write a few lines to a piped stdout so the parent can measure
// bytes per line and check what each contender really writes.
import { createRequire } from 'node:module';
import { loggerVariants } from '../lib/logger-variants.mjs';
import { runMain, send, Unavailable, workerConfig } from '../lib/worker-io.mjs';

const require = createRequire(import.meta.url);

/** An active, recording span for the `span` case: a real SDK tracer provider, no exporter. */
function startActiveSpanScope() {
  const { trace } = require('@opentelemetry/api');
  const { node } = require('@opentelemetry/sdk-node');
  const provider = new node.NodeTracerProvider();
  provider.register();
  const tracer = trace.getTracer('bench');
  return (fn) =>
    tracer.startActiveSpan('checkout', async (span) => {
      try {
        return await fn();
      } finally {
        span.end();
      }
    });
}

async function main() {
  const config = workerConfig();
  const build = loggerVariants[config.variant];
  if (!build) throw new Error(`unknown logger variant ${config.variant}`);
  const inSpan = config.case === 'span' ? startActiveSpanScope() : (fn) => fn();
  const { call, flush } = await build(config.case, config);
  if (typeof call !== 'function') throw new Unavailable(`${config.variant}: nothing to call`);

  await inSpan(async () => {
    if (config.mode === 'sample') {
      for (let i = 0; i < config.n; i++) call();
      await flush?.();
      await send({ type: 'result', lines: config.n });
      return;
    }
    for (let i = 0; i < config.warmup; i++) call();
    await flush?.();
    // CPU time, not wall time, is the figure: on a shared machine a run that is descheduled for
    // a while costs no more CPU, only more wall time. (The process is pinned to one core, so
    // GC helper threads are counted on the same core.) Wall time is kept as context.
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < config.n; i++) call();
    await flush?.();
    const wallNs = Number(process.hrtime.bigint() - start);
    const cpu = process.cpuUsage(cpuStart);
    const cpuNs = (cpu.user + cpu.system) * 1000;
    await send({
      type: 'result',
      n: config.n,
      nsPerOp: cpuNs / config.n,
      opsPerSec: (config.n * 1e9) / cpuNs,
      wallNsPerOp: wallNs / config.n,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    });
  });
}

runMain(main);
