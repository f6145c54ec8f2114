import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { deployDir } from './paths.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}
const files = yamlFiles(deployDir);
const kustomizations = files.filter((f) => f.endsWith('kustomization.yaml'));
const load = (path: string) => parse(readFileSync(path, 'utf8'));

// kubectl bundles kustomize; CI machines may not have it, the structural checks run anyway.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!kubectl)
  console.warn('[deploy] kubectl not found: skipping the `kubectl kustomize` render checks');
const render = (dir: string) =>
  parseAllDocuments(
    execFileSync('kubectl', ['kustomize', join(deployDir, dir)], {
      encoding: 'utf8',
      timeout: 60_000,
    }),
  ).map((doc) => doc.toJS());

describe('deploy YAML', () => {
  it('finds the configs', () => {
    expect(kustomizations.map((f) => relative(deployDir, f)).sort()).toEqual([
      'istio/kustomization.yaml',
      'k8s/base/kustomization.yaml',
      'k8s/overlays/dev/kustomization.yaml',
    ]);
  });

  it.each(files.map((f) => [relative(deployDir, f), f]))('%s parses without errors', (_, file) => {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'));
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      expect(doc.errors.map((e) => e.message)).toEqual([]);
      expect(doc.warnings.map((e) => e.message)).toEqual([]);
      expect(doc.toJS()).toBeTypeOf('object');
    }
  });

  it.each(kustomizations.map((f) => [relative(deployDir, f), f]))(
    '%s refers only to files that exist',
    (_, file) => {
      const k = load(file);
      const dir = dirname(file);
      const refs: string[] = [
        ...(k.resources ?? []),
        ...(k.patches ?? []).map((p: { path?: string }) => p.path).filter(Boolean),
        ...(k.configMapGenerator ?? []).flatMap((g: { files?: string[] }) => g.files ?? []),
      ];
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const target = join(dir, ref);
        expect(existsSync(target), ref).toBe(true);
        if (statSync(target).isDirectory()) {
          expect(existsSync(join(target, 'kustomization.yaml')), ref).toBe(true);
        }
      }
    },
  );

  it('selects the tracing provider that the mesh config declares', () => {
    const telemetry = load(join(deployDir, 'istio', 'telemetry.yaml'));
    const mesh = load(join(deployDir, 'istio', 'meshconfig-values.yaml')).meshConfig;
    const tracing = telemetry.spec.tracing[0];
    const declared = mesh.extensionProviders.map((p: { name: string }) => p.name);
    expect(declared).toContain(tracing.providers[0].name);
    const provider = mesh.extensionProviders.find(
      (p: { name: string }) => p.name === tracing.providers[0].name,
    );
    expect(provider.zipkin.port).toBe(9411);
    expect(tracing.randomSamplingPercentage).toBeGreaterThan(0);
    expect(tracing.randomSamplingPercentage).toBeLessThanOrEqual(100);
    expect(mesh.enable64bitTraceId).toBeUndefined();
  });
});

describe.skipIf(!kubectl)('kubectl kustomize', () => {
  it('renders the dev overlay into one namespace with the generated config wired in', () => {
    const docs = render('k8s/overlays/dev');
    const kinds = docs.map((d) => d.kind).sort();
    expect(kinds).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'DaemonSet',
      'Namespace',
      'Secret',
      'ServiceAccount',
    ]);
    const ns = docs.find((d) => d.kind === 'Namespace').metadata.name;
    expect(ns).toBe('logging-dev');
    const binding = docs.find((d) => d.kind === 'ClusterRoleBinding');
    expect(binding.subjects[0].namespace).toBe(ns);
    const ds = docs.find((d) => d.kind === 'DaemonSet');
    const cm = docs.find((d) => d.kind === 'ConfigMap');
    const secret = docs.find((d) => d.kind === 'Secret');
    expect(Object.keys(cm.data).sort()).toEqual([
      'ecs-kubernetes.lua',
      'fluent-bit.conf',
      'parsers.conf',
    ]);
    const spec = ds.spec.template.spec;
    expect(spec.volumes.find((v: { name: string }) => v.name === 'config').configMap.name).toBe(
      cm.metadata.name,
    );
    const env = Object.fromEntries(
      spec.containers[0].env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [
        e.name,
        e,
      ]),
    );
    expect(env.ELASTICSEARCH_TLS.value).toBe('Off');
    expect(env.ELASTICSEARCH_DATA_STREAM.value).toBe('logs-ecotrace-default');
    expect(env.ELASTICSEARCH_PASSWORD.valueFrom.secretKeyRef.name).toBe(secret.metadata.name);
  });

  it('renders the base and the Istio resources', () => {
    expect(render('k8s/base').find((d) => d.kind === 'DaemonSet').metadata.namespace).toBe(
      'logging',
    );
    const [telemetry] = render('istio');
    expect(telemetry.kind).toBe('Telemetry');
    expect(telemetry.metadata.namespace).toBe('istio-system');
  });
});
