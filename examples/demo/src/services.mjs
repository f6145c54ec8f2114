// @ts-check
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnService, waitForHttp } from '@ecotrace/testkit';

/** examples/ */
export const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The example services, by the `service.name` they run under in the demo. */
export const SERVICES = Object.freeze({
  inventory: join(examplesDir, 'fastify-service'),
  orders: join(examplesDir, 'express-service'),
  reports: join(examplesDir, 'http-service'),
});

/**
 * @typedef {object} RunningService
 * @property {string} name
 * @property {string} url            http://127.0.0.1:<port>
 * @property {() => string[]} lines  stdout so far, one entry per line (what Fluent Bit reads)
 * @property {() => string} stderr
 * @property {(pred: (line: string) => boolean, timeoutMs?: number) => Promise<string>} waitForLine
 *   resolves with the first stdout line matching `pred` (rejects after `timeoutMs`, 10 s default)
 * @property {(signal?: NodeJS.Signals) => Promise<{ code: number | null, signal: NodeJS.Signals | null }>} stop
 */

/** A free TCP port on 127.0.0.1 (the OS picks it; released right away for the child). */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (address === null || typeof address === 'string') throw new Error('freePort: no TCP address');
  return address.port;
}

/**
 * Starts an example service the way users start it in a container —
 * `node --import @ecotrace/tracing/register src/server.mjs` in the example's directory — on a
 * free port of 127.0.0.1, and waits until `/healthz` answers. (Readiness by HTTP, not by a log
 * line: the logger may buffer stdout until it flushes.)
 * @param {keyof typeof SERVICES} name also `OTEL_SERVICE_NAME`
 * @param {Record<string, string>} [env] added to the parent's environment
 * @returns {Promise<RunningService>}
 * @example
 * const inventory = await startService('inventory', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
 * await fetch(`${inventory.url}/stock/tea`);
 * await inventory.stop('SIGTERM');
 * inventory.lines(); // its ECS lines
 */
export async function startService(name, env = {}) {
  const port = await freePort();
  const child = spawnService(
    process.execPath,
    ['--import', '@ecotrace/tracing/register', 'src/server.mjs'],
    {
      cwd: SERVICES[name],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        OTEL_SERVICE_NAME: name,
        ...env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForHttp(`${url}/healthz`, 30_000),
      child.exited.then((exit) => {
        throw new Error(`exited early (${JSON.stringify(exit)})`);
      }),
    ]);
  } catch (err) {
    await child.stop('SIGKILL').catch(() => {});
    const output = [...child.lines().slice(-20), child.stderr().slice(-2000)].join('\n');
    throw new Error(`${name} did not become ready: ${String(err)}\n${output}`);
  }
  return {
    name,
    url,
    lines: () => child.lines(),
    stderr: () => child.stderr(),
    waitForLine: (pred, timeoutMs) => child.waitForLine(pred, timeoutMs),
    stop: (signal = 'SIGTERM') => child.stop(signal),
  };
}
