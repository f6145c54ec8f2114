// Before timing a server, look at what it logs: a few real requests with its stdout piped,
// then lines and bytes per request and ECS errors per line. A setup that silently logged
// nothing would otherwise look free.
import { join } from 'node:path';
import { startWorker } from './child.mjs';
import { ENVOY_HEADERS } from './envoy-headers.mjs';
import { validateLineOrNull } from './sample-lines.mjs';

const serverScript = join(import.meta.dirname, '..', 'workers', 'http-server.mjs');
const REQUESTS = 5;

/**
 * @param {{ key: string, app: string, tracing?: string, env?: Record<string, string> }} job
 * @returns {Promise<{ linesPerRequest?: number, bytesPerRequest?: number, ecsErrors?: number, firstLine?: string, error?: string }>}
 */
export async function sampleHttp(job) {
  const server = startWorker(
    serverScript,
    { variant: job.key, app: job.app, tracing: job.tracing },
    { captureStdout: true, env: job.env },
  );
  try {
    const { port } = await server.next('ready');
    for (let i = 0; i < REQUESTS; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/orders/48213`, {
        headers: ENVOY_HEADERS,
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${job.key}: status ${response.status}`);
    }
    // Access lines are written when the response finishes: give the server a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.send({ type: 'stop' });
    await server.exited;
    const out = server.stdout();
    const lines = out.split('\n').filter((line) => line.length > 0);
    const problems = lines.map((line) => validateLineOrNull(line));
    return {
      linesPerRequest: lines.length / REQUESTS,
      bytesPerRequest: Buffer.byteLength(out) / REQUESTS,
      ecsErrors: lines.length && problems[0] ? problems.flat().length / lines.length : undefined,
      firstLine: lines[0],
    };
  } catch (error) {
    return { error: error.unavailable ? `not available yet: ${error.message}` : error.message };
  } finally {
    server.kill();
  }
}
