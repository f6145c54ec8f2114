// One HTTP measurement: server on one core, autocannon on another, server CPU per request over
// the measured window. CPU per request is the primary figure because bare Fastify and
// node:http saturate a one-core load generator, which flattens req/s differences.
//
// `saturate` pipelines requests (8 per connection) so the server is busy all the time, however
// fast it is. Without it, a fast server idles between requests and a slow one does not, and on
// a VM the idle costs land on the server's CPU: waking the load generator's halted core from the
// response write(2) is dearer when that core went idle while the server was still working. A
// handler that only spins 15 or 30 µs then measured +21 and +49 µs over bare Fastify at a fixed
// 6,000 req/s (5 interleaved rounds, 2026-11); saturated, +22 and +38 (bench/README.md).
import { join } from 'node:path';
import { startWorker } from './child.mjs';

const serverScript = join(import.meta.dirname, '..', 'workers', 'http-server.mjs');
const loadScript = join(import.meta.dirname, '..', 'workers', 'load-generator.mjs');

/** Requests in flight per connection when a job asks for a saturated server. */
export const SATURATING_PIPELINE = 8;

/**
 * @param {import('../run.mjs').ScenarioContext} ctx
 * @param {{ key: string, app: string, tracing?: string, saturate?: boolean, env?: Record<string, string>, nodeArgs?: string[] }} job
 * @returns {Promise<{ cpuUsPerReq: number, reqPerSec: number, busyPct: number, p99Ms: number, requests: number }>}
 */
export async function measureHttp(ctx, job) {
  const timing = {
    ...(ctx.quick
      ? { warmup: 0.5, duration: 1, connections: 10 }
      : { warmup: 1, duration: 3, connections: 10 }),
    pipelining: job.saturate ? SATURATING_PIPELINE : 1,
  };
  const server = startWorker(
    serverScript,
    { variant: job.key, app: job.app, tracing: job.tracing },
    { cpu: ctx.cpu('server'), env: job.env, nodeArgs: job.nodeArgs },
  );
  let load;
  try {
    const { port } = await server.next('ready');
    load = startWorker(
      loadScript,
      { variant: 'autocannon', port, ...timing },
      { cpu: ctx.cpu('load') },
    );
    await load.next('warm');
    server.send({ type: 'mark' });
    const before = await server.next('mark');
    load.send({ type: 'go' });
    const result = await load.next('result');
    server.send({ type: 'mark' });
    const after = await server.next('mark');
    server.send({ type: 'stop' });
    const requests = after.requests - before.requests;
    if (requests <= 0) throw new Error(`${job.key}: no request served`);
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${job.key}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    }
    const cpuMicros = after.cpuMicros - before.cpuMicros;
    const wallMicros = (after.atNs - before.atNs) / 1e3;
    return {
      cpuUsPerReq: cpuMicros / requests,
      reqPerSec: (requests * 1e6) / wallMicros,
      // Server CPU over wall time: ~100% when saturated (more is thread-pool work).
      busyPct: (100 * cpuMicros) / wallMicros,
      p99Ms: result.p99Ms,
      requests,
      rssMiB: after.rssMiB,
    };
  } finally {
    load?.kill();
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 2000))]);
    server.kill();
  }
}
