// @ts-check
// A real Prometheus for the demo when one is installed (Debian's `prometheus`, or $PROMETHEUS):
// started on 127.0.0.1 with a temp config, exemplar storage on, 1 s scrapes. Never the system
// service. Without one the demo reads the services' /metrics itself (same exemplars, no storage).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService } from '@ecotrace/testkit';
import { freePort } from './services.mjs';

/** The prometheus binary, or undefined when there is none. */
export function findPrometheus() {
  try {
    const path =
      process.env.PROMETHEUS ??
      execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim();
    execFileSync(path, ['--version'], { stdio: 'pipe' });
    return path;
  } catch {
    return undefined;
  }
}

/**
 * @typedef {object} RunningPrometheus
 * @property {string} url
 * @property {(path: string, params: Record<string, string>) => Promise<any>} api  GET /api/v1/<path>: its `data`
 * @property {() => Promise<void>} stop
 */

/**
 * Starts Prometheus scraping each `targets` entry (job → host:port, path /metrics) every second.
 * @param {string} binary
 * @param {Record<string, string>} targets
 * @returns {Promise<RunningPrometheus>}
 */
export async function startPrometheus(binary, targets) {
  const dir = mkdtempSync(join(tmpdir(), 'ecotrace-demo-prom-'));
  const jobs = Object.entries(targets).map(
    ([job, target]) =>
      `  - job_name: ${JSON.stringify(job)}\n    static_configs:\n      - targets: [${JSON.stringify(target)}]`,
  );
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\nscrape_configs:\n${jobs.join('\n')}\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnService(binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--enable-feature=exemplar-storage',
    '--log.level=warn',
  ]);
  const stop = async () => {
    await child.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready: ${child.stderr().slice(-1000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async api(path, params) {
      const res = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`);
      const body = /** @type {{ status: string, data: any, error?: string }} */ (await res.json());
      if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error}`);
      return body.data;
    },
    stop,
  };
}
