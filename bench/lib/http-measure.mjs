// One HTTP measurement: server on one core, autocannon on another, server CPU per request over
// the measured window. CPU per request is the primary figure because bare Fastify and
// node:http saturate a one-core load generator, which flattens req/s differences.
import { join } from 'node:path';
import { startWorker } from './child.mjs';

const serverScript = join(import.meta.dirname, '..', 'workers', 'http-server.mjs');
const loadScript = join(import.meta.dirname, '..', 'workers', 'load-generator.mjs');

/**
 * @param {import('../run.mjs').ScenarioContext} ctx
 * @param {{ key: string, app: string, tracing?: string, env?: Record<string, string>, nodeArgs?: string[] }} job
 * @returns {Promise<{ cpuUsPerReq: number, reqPerSec: number, p99Ms: number, requests: number }>}
 */
export async function measureHttp(ctx, job) {
  const timing = ctx.quick
    ? { warmup: 0.5, duration: 1, connections: 10 }
    : { warmup: 1, duration: 3, connections: 10 };
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
    return {
      cpuUsPerReq: (after.cpuMicros - before.cpuMicros) / requests,
      reqPerSec: (requests * 1e9) / (after.atNs - before.atNs),
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
