// What Istio's metrics merging does to exemplars, measured with the real Prometheus on a
// rebuilt merged endpoint (test/fixtures/istio-merge-sim.mjs): the app's OpenMetrics body after
// text-format agent/Envoy metrics, served with the app's content type (Istio >= 1.11).
import { resolve } from 'node:path';
import { type SpawnedService, spawnService } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDir } from './helpers.js';
import { eventually, findPrometheus, type Prometheus, startPrometheus } from './prometheus.js';

const binary = findPrometheus();
if (binary.path === undefined) console.warn(`SKIP istio-merge: ${binary.why}`);

describe.skipIf(binary.path === undefined)("Istio's merged endpoint and exemplars", () => {
  let prometheus: Prometheus;
  const services: Record<string, { svc: SpawnedService; port: number }> = {};
  const traceIds: Record<string, string> = {
    direct: '0af7651916cd43dd8448eb211c80319c',
    merged: '1af7651916cd43dd8448eb211c80319c',
    blank: '2af7651916cd43dd8448eb211c80319c',
  };

  beforeAll(async () => {
    for (const name of Object.keys(traceIds)) {
      const svc = spawnService(
        process.execPath,
        [resolve(packageDir, 'test/fixtures/istio-merge-sim.mjs')],
        {
          env: { PATH: process.env.PATH, ...(name === 'blank' ? { BLANK: '1' } : {}) },
          cwd: packageDir,
        },
      );
      const line = await svc.waitForLine((l) => l.includes('listening'));
      services[name] = { svc, port: (JSON.parse(line) as { port: number }).port };
      const res = await fetch(`http://127.0.0.1:${services[name]?.port}/work`, {
        headers: { traceparent: `00-${traceIds[name]}-b7ad6b7169203331-01` },
      });
      await res.text();
    }
    const path = (name: string) => (name === 'direct' ? '' : '/stats/prometheus');
    prometheus = await startPrometheus(
      binary.path as string,
      Object.fromEntries(
        Object.keys(traceIds).map((n) => [n, `127.0.0.1:${services[n]?.port}${path(n)}`]),
      ),
    );
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all(Object.values(services).map((s) => s.svc.stop()));
  });

  async function targets(): Promise<Record<string, { health: string; lastError: string }>> {
    const data = await prometheus.api<{
      activeTargets: { scrapePool: string; health: string; lastError: string }[];
    }>('targets', {});
    return Object.fromEntries(data.activeTargets.map((t) => [t.scrapePool, t]));
  }

  it('exemplars survive when the text part parses as OpenMetrics; one blank line fails the whole scrape', async () => {
    const seen = await eventually(async () => {
      const t = await targets();
      const all = Object.values(t);
      return all.length === 3 && all.every((x) => x.health !== 'unknown') ? t : undefined;
    }, 'every target scraped once');
    expect(seen.direct?.health).toBe('up');
    expect(seen.merged?.health).toBe('up');
    expect(seen.blank?.health).toBe('down');
    expect(seen.blank?.lastError).toContain('is not a valid start token');
    const now = Date.now() / 1000;
    const exemplars = await eventually(async () => {
      const data = await prometheus.api<
        { seriesLabels: { job: string }; exemplars: { labels: { trace_id: string } }[] }[]
      >('query_exemplars', {
        query: 'http_server_request_duration_seconds_bucket',
        start: String(now - 600),
        end: String(now + 600),
      });
      const byJob = Object.fromEntries(
        data.map((s) => [s.seriesLabels.job, s.exemplars[0]?.labels.trace_id]),
      );
      return byJob.direct && byJob.merged ? byJob : undefined;
    }, 'exemplars of direct and merged');
    expect(exemplars).toEqual({ direct: traceIds.direct, merged: traceIds.merged });
    // The failed scrape lost everything of that pod, not only the exemplars.
    const up = await prometheus.api<{
      result: { metric: { job: string }; value: [number, string] }[];
    }>('query', { query: 'up' });
    expect(Object.fromEntries(up.result.map((r) => [r.metric.job, r.value[1]]))).toEqual({
      direct: '1',
      merged: '1',
      blank: '0',
    });
  });
});
