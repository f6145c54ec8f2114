import { validateRecord } from '@ecotrace/ecs-schema';
import { createLogger, runWithTraceContext } from '@ecotrace/logger';
import { describe, expect, it } from 'vitest';
import { luaFilter } from './paths.js';
import { runLuaFilter } from './run-lua-filter.js';

// What Elasticsearch would receive from Fluent Bit for real logger lines: the logger's JSON
// merged at the top level (Merge_Log), the CRI parser's leftovers, the kubernetes filter's map,
// then our Lua filter. The documents must still be clean ECS: the metadata we add must not
// clash with what the logger writes.
function loggerLines(
  write: (log: ReturnType<typeof createLogger>) => void,
): Record<string, unknown>[] {
  const chunks: string[] = [];
  const log = createLogger({
    service: { name: 'orders', version: '1.4.2' },
    destination: { write: (chunk: string) => void chunks.push(chunk) },
  });
  write(log);
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const kubernetes = {
  pod_name: 'orders-7d9f8c-abcde',
  namespace_name: 'shop',
  pod_id: '5e0b0b1c-0000-4000-8000-000000000001',
  labels: {
    app: 'orders',
    'app.kubernetes.io/name': 'orders',
    'app.kubernetes.io/version': '1.4.2',
  },
  host: 'node-a',
  container_name: 'orders',
  docker_id: 'c0ffee',
  container_image: 'registry.local:5000/shop/orders:1.4.2',
};

// Elasticsearch does not care about key order (the ECS logging spec's order is the emitter's
// job); custom fields (order.*) are warnings by design.
const errorsOf = (record: Record<string, unknown>) =>
  validateRecord(record).filter((p) => p.severity === 'error' && p.code !== 'key-order');

describe('logger line → Fluent Bit (merge + Lua) → Elasticsearch document', () => {
  it('stays valid ECS with the Kubernetes metadata added', () => {
    const records = loggerLines((log) => {
      runWithTraceContext(
        { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true },
        () => {
          log.info({ order: { id: '1001' } }, 'loading order');
          log.error({ err: new Error('stock service down') }, 'order failed');
        },
      );
      log.info({ labels: { tier: 'backend' } }, 'listening');
    });
    expect(records).toHaveLength(3);
    for (const line of records) {
      const { record } = runLuaFilter(
        luaFilter,
        'kubernetes_to_ecs',
        'kube.x',
        { sec: 1, nsec: 0 },
        {
          ...(line as Record<string, never>),
          stream: 'stdout',
          _p: 'F',
          time: '2026-11-23T10:00:00.000000000Z',
          kubernetes,
        } as never,
      );
      expect(errorsOf(record), JSON.stringify(record)).toEqual([]);
      expect(record.kubernetes).toBeUndefined();
      expect(record['orchestrator.resource.name']).toBe('orders-7d9f8c-abcde');
      expect(record['@timestamp']).toBe(line['@timestamp']);
      expect(record['trace.id']).toBe(line['trace.id']);
    }
  });

  it('makes a valid ECS document of a line that is not JSON', () => {
    const { record } = runLuaFilter(
      luaFilter,
      'kubernetes_to_ecs',
      'kube.x',
      { sec: 1_795_000_000, nsec: 0 },
      {
        log: 'node:internal/modules/cjs/loader:1228  throw err;',
        stream: 'stderr',
        _p: 'F',
        time: 'x',
        kubernetes,
      },
    );
    expect(errorsOf(record)).toEqual([]);
    expect(record['log.level']).toBe('error');
  });
});
