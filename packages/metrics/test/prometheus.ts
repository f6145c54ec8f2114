// A real Prometheus for the tests: the binary from $PROMETHEUS or PATH (Debian's `prometheus`
// package; scripts/ci-system-deps.sh installs it), started on 127.0.0.1 with a temp config,
// exemplar storage on and a 1 s scrape interval. Never the system service.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedService, spawnService } from '@ecotrace/testkit';

/** The prometheus binary, or undefined (with why) when there is none. */
export function findPrometheus(): { path?: string; why: string } {
  const fromEnv = process.env.PROMETHEUS;
  try {
    const path =
      fromEnv ?? execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim();
    execFileSync(path, ['--version'], { stdio: 'pipe' });
    return { path, why: '' };
  } catch {
    return {
      why: `no prometheus binary (${fromEnv ? `PROMETHEUS=${fromEnv}` : 'none on PATH'}): apt-get install prometheus, or run scripts/ci-system-deps.sh`,
    };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Prometheus {
  url: string;
  svc: SpawnedService;
  /** GET /api/v1/<path> with params; returns `data`, throws on an error status. */
  api<T = unknown>(path: string, params: Record<string, string>): Promise<T>;
  stop(): Promise<void>;
}

/** Starts Prometheus scraping `targets` (job name → host:port[/path]) every second. */
export async function startPrometheus(
  binary: string,
  targets: Record<string, string>,
): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'ecotrace-prom-'));
  // A target may carry a path (`host:port/stats/prometheus`); the default is /metrics.
  const jobs = Object.entries(targets)
    .map(([job, target]) => {
      const slash = target.indexOf('/');
      const address = slash === -1 ? target : target.slice(0, slash);
      const path = slash === -1 ? '/metrics' : target.slice(slash);
      return `  - job_name: ${JSON.stringify(job)}\n    metrics_path: ${JSON.stringify(path)}\n    static_configs:\n      - targets: [${JSON.stringify(address)}]`;
    })
    .join('\n');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\nscrape_configs:\n${jobs}\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const svc = spawnService(binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--enable-feature=exemplar-storage',
    '--log.level=warn',
  ]);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await svc.stop('SIGKILL');
      throw new Error(`prometheus did not become ready: ${svc.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    svc,
    async api<T>(path: string, params: Record<string, string>): Promise<T> {
      const res = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`);
      const body = (await res.json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error}`);
      return body.data;
    },
    async stop() {
      await svc.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a defined value or `timeoutMs` passes. */
export async function eventually<T>(
  fn: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
