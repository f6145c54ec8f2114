// The metrics deploy files (examples/deploy/metrics): exemplar storage on, the scrape reaching
// the app's own metrics port past Istio's merging and capture, Grafana's exemplar link to Jaeger.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { deployDir } from './paths.js';

const dir = join(deployDir, 'metrics');
const load = (name: string) => parse(readFileSync(join(dir, name), 'utf8'));
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!promtool) console.warn('[deploy] promtool not found: skipping `promtool check config`');

describe('metrics deploy files', () => {
  it('the workload opts out of metrics merging and serves metrics on an uncaptured port', () => {
    const deployment = load('workload.yaml');
    const annotations = deployment.spec.template.metadata.annotations;
    expect(annotations['prometheus.istio.io/merge-metrics']).toBe('false');
    const port = annotations['prometheus.io/port'];
    expect(annotations['traffic.sidecar.istio.io/excludeInboundPorts']).toBe(port);
    const ports = deployment.spec.template.spec.containers[0].ports;
    expect(ports).toContainEqual({ name: 'metrics', containerPort: Number(port) });
    // The Operator's monitors scrape the same named port and path.
    expect(load('podmonitor.yaml').spec.podMetricsEndpoints[0]).toMatchObject({
      port: 'metrics',
      path: annotations['prometheus.io/path'],
    });
    const [service, monitor] = parseAllDocuments(
      readFileSync(join(dir, 'servicemonitor.yaml'), 'utf8'),
    ).map((d) => d.toJS());
    expect(service.spec.ports[0]).toMatchObject({ port: Number(port), targetPort: 'metrics' });
    expect(monitor.spec.selector.matchLabels).toEqual({ 'ecotrace.io/metrics': 'true' });
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
  });

  it('Prometheus stores exemplars', () => {
    expect(load('prometheus-operator.yaml').spec.enableFeatures).toContain('exemplar-storage');
    expect(load('prometheus.yml').storage.exemplars.max_exemplars).toBeGreaterThan(0);
  });

  it.skipIf(!promtool)(
    'promtool accepts prometheus.yml (pod discovery swapped for a static target)',
    () => {
      // Debian's Prometheus is built without Kubernetes discovery; everything else is checked.
      const config = load('prometheus.yml');
      for (const job of config.scrape_configs) {
        delete job.kubernetes_sd_configs;
        job.static_configs = [{ targets: ['127.0.0.1:9464'] }];
      }
      const tmp = mkdtempSync(join(tmpdir(), 'ecotrace-promtool-'));
      try {
        writeFileSync(join(tmp, 'prometheus.yml'), stringify(config));
        const out = execFileSync('promtool', ['check', 'config', join(tmp, 'prometheus.yml')], {
          encoding: 'utf8',
        });
        expect(out).toContain('SUCCESS');
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );

  it("Grafana's Prometheus data source links the trace_id exemplar to the Jaeger data source", () => {
    const { datasources } = load('grafana-datasources.yaml');
    const prometheus = datasources.find((d: { type: string }) => d.type === 'prometheus');
    const jaeger = datasources.find((d: { type: string }) => d.type === 'jaeger');
    expect(prometheus.jsonData.exemplarTraceIdDestinations).toEqual([
      { name: 'trace_id', datasourceUid: jaeger.uid },
    ]);
  });
});
