// Issue 8, "No leaks": many requests through Express 5 and Fastify 5 with our middleware/plugin,
// in a child process started with --expose-gc. The heap after GC stays flat (nothing retained
// per request) and no listener-leak warning is emitted.
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runFixture } from './run-fixture.js';

/** Requests per framework after warm-up: 20 000 in CI; `HARDENING_LEAK_REQUESTS=200000` for the full run. */
const REQUESTS = Number(process.env.HARDENING_LEAK_REQUESTS ?? 20_000);
const WARMUP = 2_000;
const CONCURRENCY = 16;
/** Heap growth allowed between the two measurements: GC noise, not per-request state. */
const TOLERANCE_BYTES = 2 * 1024 * 1024;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(port: number, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const id = (i + 1).toString(16).padStart(16, '0');
      await get(port, i % 10 === 0 ? '/fail' : '/ok', {
        'x-b3-traceid': `${id}${id}`,
        'x-b3-spanid': id,
        'x-b3-sampled': '1',
        'x-request-id': `req-${i}`,
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const heapOf = async (port: number): Promise<number> => {
  const m = JSON.parse(await get(port, '/__heap')) as { heapUsed: number; external: number };
  return m.heapUsed + m.external;
};

describe.each(['express', 'fastify', 'express4', 'fastify4'])(
  '%s with ours: no per-request retention',
  (framework) => {
    it(
      `${REQUESTS} requests: heap after GC flat within 2 MiB, no listener-leak warning`,
      async () => {
        const child = runFixture(
          'leak-server.mjs',
          { FRAMEWORK: framework },
          { nodeArgs: ['--expose-gc'], readStdout: false, killAfterMs: 600_000 },
        );
        const port = Number((await child.waitForStderr(/listening (\d+)/))[1]);
        try {
          await load(port, WARMUP);
          const before = await heapOf(port);
          const started = Date.now();
          await load(port, REQUESTS);
          const seconds = (Date.now() - started) / 1000;
          const after = await heapOf(port);
          console.info(
            `[hardening] leaks ${framework}: ${REQUESTS} requests in ${seconds.toFixed(1)} s, heap after GC ${(before / 1048576).toFixed(2)} → ${(after / 1048576).toFixed(2)} MiB (${((after - before) / 1024).toFixed(0)} KiB)`,
          );
          expect(after - before).toBeLessThan(TOLERANCE_BYTES);
          expect(child.stderr()).not.toMatch(/MaxListenersExceededWarning|WARNING/);
        } finally {
          child.child.kill('SIGTERM');
          await child.exited;
        }
      },
      60_000 + REQUESTS * 3,
    );
  },
);
