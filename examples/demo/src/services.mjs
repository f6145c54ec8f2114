// @ts-check
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnService } from '@ecotrace/testkit';

/** examples/ */
export const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The two services of the demo, started the way users start them in a container:
 * `node --import @ecotrace/tracing/register src/server.mjs` in the example's directory.
 */
export const SERVICES = Object.freeze({
  inventory: { dir: join(examplesDir, 'fastify-service'), entry: 'src/server.mjs' },
  orders: { dir: join(examplesDir, 'express-service'), entry: 'src/server.mjs' },
});

/**
 * @typedef {object} RunningService
 * @property {string} name
 * @property {string} url           http://127.0.0.1:<port>
 * @property {() => string[]} lines  stdout so far, one entry per line
 * @property {() => string} stderr
 * @property {(signal?: NodeJS.Signals) => Promise<unknown>} stop
 */

/**
 * Starts one example service on an ephemeral port and waits for its `listening` log line,
 * which carries the port (`server.port`).
 * @param {keyof typeof SERVICES} name
 * @param {Record<string, string>} env   added to the parent's environment
 * @returns {Promise<RunningService>}
 */
export async function startService(name, env) {
  const { dir, entry } = SERVICES[name];
  const child = spawnService(process.execPath, ['--import', '@ecotrace/tracing/register', entry], {
    cwd: dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', OTEL_SERVICE_NAME: name, ...env },
  });
  /** @param {string} line */
  const portOf = (line) => {
    try {
      const record = JSON.parse(line);
      return record?.message === 'listening'
        ? Number(record['server.port']) || undefined
        : undefined;
    } catch {
      return undefined;
    }
  };
  let port;
  try {
    const line = await child.waitForLine((l) => portOf(l) !== undefined, 30_000);
    port = portOf(line);
  } catch (err) {
    await child.stop('SIGKILL').catch(() => {});
    const output = [...child.lines().slice(-20), child.stderr().slice(-2000)].join('\n');
    throw new Error(`${name} did not log "listening" within 30 s: ${String(err)}\n${output}`);
  }
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    lines: () => child.lines(),
    stderr: () => child.stderr(),
    stop: (signal = 'SIGTERM') => child.stop(signal),
  };
}
