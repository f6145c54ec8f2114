// One logger variant, one shape, in its own process. `timed`: warm up, then time N calls to a
// /dev/null stdout, in one of three loops (`tight`, `yield`: an event-loop turn every 100 calls,
// `fresh`: the timed calls go to a logger made after the warm-up). `sample`: write a few lines
// to a piped stdout so the parent can measure bytes per line and check what each contender
// really writes.
import { createRequire } from 'node:module';
import { SHAPES } from '../lib/log-calls.mjs';
import { callFor, loggerVariants } from '../lib/logger-variants.mjs';
import { runMain, send, workerConfig } from '../lib/worker-io.mjs';

const require = createRequire(import.meta.url);

/** An active, recording span for the `span` shapes: a real SDK tracer provider, no exporter. */
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

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Runs `call` n times; with `yields`, gives the event loop a turn every 100 calls. */
async function loop(call, n, yields) {
  if (!yields) {
    for (let i = 0; i < n; i++) call();
    return;
  }
  for (let i = 0; i < n; i++) {
    call();
    if (i % 100 === 99) await turn();
  }
}

async function main() {
  const config = workerConfig();
  const build = loggerVariants[config.variant];
  if (!build) throw new Error(`unknown logger variant ${config.variant}`);
  const shape = SHAPES[config.shape];
  if (!shape && config.shape !== undefined) throw new Error(`unknown shape ${config.shape}`);
  const inSpan = shape?.span ? startActiveSpanScope() : (fn) => fn();
  const built = await build(config.shape, { ...config, span: shape?.span === true });
  let call = callFor(built, config.shape);
  const loopKind = config.loop ?? 'tight';
  const yields = loopKind === 'yield';

  await inSpan(async () => {
    if (config.mode === 'sample') {
      for (let i = 0; i < config.n; i++) call();
      await built.flush?.();
      await send({ type: 'result', lines: config.n });
      return;
    }
    await loop(call, config.warmup, yields);
    // `fresh`: the JIT has seen the shape, but the timed logger has never written a line (its
    // caches, pino's per-logger state and the call site's feedback for the new object start cold).
    if (loopKind === 'fresh') call = callFor(built, config.shape);
    // CPU time is the primary figure: on a shared machine a run that is descheduled for a while
    // costs no more CPU, only more wall time. (The process is pinned to one core, so GC helper
    // threads are counted on the same core.) Wall time is reported beside it.
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    await loop(call, config.n, yields);
    const wallNs = Number(process.hrtime.bigint() - start);
    const cpu = process.cpuUsage(cpuStart);
    const cpuNs = (cpu.user + cpu.system) * 1000;
    await send({
      type: 'result',
      n: config.n,
      nsPerOp: cpuNs / config.n,
      opsPerSec: (config.n * 1e9) / cpuNs,
      wallNsPerOp: wallNs / config.n,
      wallOpsPerSec: (config.n * 1e9) / wallNs,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    });
  });
}

runMain(main);
