import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { luaFilter } from './paths.js';
import { runLuaFilter } from './run-lua-filter.js';

// What the kubernetes filter hands to the Lua filter for one of our lines after Merge_Log.
const kubernetes = {
  pod_name: 'orders-7d9f8c-abcde',
  namespace_name: 'shop',
  pod_id: '5e0b0b1c-0000-4000-8000-000000000001',
  labels: { app: 'orders', 'app.kubernetes.io/name': 'orders', 'pod-template-hash': '7d9f8c' },
  host: 'node-a',
  container_name: 'orders',
  docker_id: 'c0ffee',
  container_image: 'registry.local:5000/shop/orders:1.4.2',
};
const ecsLine = {
  '@timestamp': '2026-11-23T10:00:00.123Z',
  'log.level': 'info',
  message: 'order placed',
  'ecs.version': '9.4.0',
  'trace.id': '4bf92f3577b34da6a3ce929d0e0e4736',
  stream: 'stdout',
  _p: 'F',
  time: '2026-11-23T10:00:00.123456789Z',
};
const time = { sec: 1_795_000_000, nsec: 456_000_000 };
const run = (record: Record<string, unknown>) =>
  runLuaFilter(
    luaFilter,
    'kubernetes_to_ecs',
    'kube.var.log.containers.x.log',
    time,
    record as never,
  );

describe('ecs-kubernetes.lua', () => {
  beforeEach(() => {
    process.env.CLUSTER_NAME = 'prod-eu';
  });
  afterEach(() => {
    delete process.env.CLUSTER_NAME;
  });

  it('moves Kubernetes metadata to ECS fields and removes the kubernetes map', () => {
    const { code, record } = run({ ...ecsLine, kubernetes });
    expect(code).toBe(2);
    expect(record).toEqual({
      '@timestamp': '2026-11-23T10:00:00.123Z',
      'log.level': 'info',
      message: 'order placed',
      'ecs.version': '9.4.0',
      'trace.id': '4bf92f3577b34da6a3ce929d0e0e4736',
      'orchestrator.type': 'kubernetes',
      'orchestrator.cluster.name': 'prod-eu',
      'orchestrator.namespace': 'shop',
      'orchestrator.resource.type': 'pod',
      'orchestrator.resource.name': 'orders-7d9f8c-abcde',
      'orchestrator.resource.id': '5e0b0b1c-0000-4000-8000-000000000001',
      'orchestrator.resource.label': [
        'app.kubernetes.io/name:orders',
        'app:orders',
        'pod-template-hash:7d9f8c',
      ],
      'container.name': 'orders',
      'container.id': 'c0ffee',
      'container.image.name': 'registry.local:5000/shop/orders',
      'container.image.tag': ['1.4.2'],
      'host.name': 'node-a',
      'labels.stream': 'stdout',
    });
  });

  it('keeps what the service wrote, dotted or nested', () => {
    const { record } = run({
      ...ecsLine,
      'container.name': 'from-app',
      host: { name: 'app-host' },
      kubernetes,
    });
    expect(record['container.name']).toBe('from-app');
    expect(record['host.name']).toBeUndefined();
    expect(record.host).toEqual({ name: 'app-host' });
  });

  it('handles images by digest and without a tag', () => {
    const byDigest = run({
      ...ecsLine,
      kubernetes: { ...kubernetes, container_image: 'shop/orders@sha256:abc' },
    });
    expect(byDigest.record['container.image.name']).toBe('shop/orders');
    expect(byDigest.record['container.image.tag']).toBeUndefined();
    const untagged = run({
      ...ecsLine,
      kubernetes: { ...kubernetes, container_image: 'registry:5000/orders' },
    });
    expect(untagged.record['container.image.name']).toBe('registry:5000/orders');
  });

  it('turns a non-JSON stderr line into a minimal ECS error document', () => {
    const { record } = run({
      log: 'Error: Cannot find module ./missing.js',
      stream: 'stderr',
      _p: 'F',
      time: 'x',
      kubernetes,
    });
    expect(record.message).toBe('Error: Cannot find module ./missing.js');
    expect(record.log).toBeUndefined();
    expect(record['@timestamp']).toBe('2026-11-18T11:06:40.456Z');
    expect(record['ecs.version']).toBe('9.4.0');
    expect(record['log.level']).toBe('error');
    expect(record['labels.stream']).toBe('stderr');
  });

  it('levels a Node warning on stderr as warn and drops blank lines', () => {
    for (const log of [
      '(node:42) [DEP0005] DeprecationWarning: Buffer() is deprecated',
      '(node:42) Warning: something',
      '(node:7) MaxListenersExceededWarning: Possible EventEmitter memory leak detected.',
    ]) {
      expect(run({ log, stream: 'stderr', kubernetes }).record['log.level'], log).toBe('warn');
    }
    expect(run({ log: 'Warning: not from node', stream: 'stderr' }).record['log.level']).toBe(
      'error',
    );
    for (const log of ['', '   ', '\t']) expect(run({ log, stream: 'stderr' }).code).toBe(-1);
  });

  it('drops successful probe access lines, dotted or nested, and keeps failing ones', () => {
    const line = (path: string, status?: number) => ({
      ...ecsLine,
      'url.path': path,
      ...(status === undefined ? {} : { 'http.response.status_code': status }),
    });
    for (const path of ['/healthz', '/readyz', '/livez', '/metrics']) {
      expect(run(line(path, 200)).code, path).toBe(-1);
      expect(run(line(path, 503)).code, path).toBe(2);
      expect(run(line(path)).code, `${path} without a status`).toBe(2);
    }
    expect(
      run({ ...ecsLine, url: { path: '/healthz' }, http: { response: { status_code: 204 } } }).code,
    ).toBe(-1);
    for (const path of ['/orders', '/healthz/deep', '/api/metrics']) {
      expect(run(line(path, 200)).code, path).toBe(2);
    }
  });

  it('gives each line an id from its file, offset and time, the same on every read', () => {
    const line = {
      ...ecsLine,
      'log.file.path': '/var/log/containers/orders-7d9f8c-abcde_shop_orders-c0ffee.log',
      'event.sequence': 4096,
    };
    const id = run(line).record['ecotrace.line_id'];
    expect(id).toMatch(/^[0-9a-f]{13}-1795000000456000000-4096$/);
    expect(run({ ...line }).record['ecotrace.line_id']).toBe(id);
    // Another offset, another file, another time: another id.
    expect(run({ ...line, 'event.sequence': 4097 }).record['ecotrace.line_id']).not.toBe(id);
    const other = { ...line, 'log.file.path': line['log.file.path'].replace('c0ffee', 'c0ffef') };
    expect(run(other).record['ecotrace.line_id']).not.toBe(id);
    const later = runLuaFilter(
      luaFilter,
      'kubernetes_to_ecs',
      'kube.x',
      { sec: 1_795_000_000, nsec: 456_000_001 },
      line as never,
    );
    expect(later.record['ecotrace.line_id']).not.toBe(id);
    // Without the file or offset (not from tail) there is no id, and Elasticsearch makes one.
    expect(run({ ...ecsLine }).record['ecotrace.line_id']).toBeUndefined();
  });

  it('formats UTC dates right across leap years and month ends', () => {
    for (const iso of [
      '2024-02-29T23:59:59.999Z',
      '2000-03-01T00:00:00.000Z',
      '2099-12-31T12:34:56.007Z',
    ]) {
      const ms = Date.parse(iso);
      const sec = Math.floor(ms / 1000);
      const { record } = runLuaFilter(
        luaFilter,
        'kubernetes_to_ecs',
        't',
        { sec, nsec: (ms - sec * 1000) * 1e6 },
        { log: 'x' },
      );
      expect(record['@timestamp']).toBe(iso);
      expect(record['log.level']).toBe('info');
    }
  });
});
