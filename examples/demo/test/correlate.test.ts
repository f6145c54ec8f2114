import { describe, expect, it } from 'vitest';
import { correlate } from '../src/correlate.mjs';
import type { IngressExchange } from '../src/ingress.mjs';
import { type DemoSpan, parseServiceLines } from '../src/model.mjs';
import { renderTraceTree } from '../src/text-tree.mjs';
import { buildTraceViews } from '../src/trace-view.mjs';

const T1 = '4bf92f3577b34da6a3ce929d0e0e4736';
const T2 = '00000000000000005e0b0b1c0a0b0c0d';
const T3 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const exchange = (
  seq: number,
  traceId: string,
  sampled: boolean,
  spanId: string,
): IngressExchange => ({
  seq,
  method: 'GET',
  path: `/orders/${seq}`,
  style: sampled ? 'b3-128' : 'unsampled',
  requestId: `req-${seq}`,
  sentTraceId: traceId,
  traceId,
  spanId,
  sampled,
  startMs: 1000,
  endMs: 1010,
  status: seq === 0 ? 500 : 200,
});
const span = (
  traceId: string,
  spanId: string,
  parentSpanId: string | null,
  service: string,
  name: string,
  startMs: number,
): DemoSpan => ({
  traceId,
  spanId,
  parentSpanId,
  name,
  service,
  kind: parentSpanId === 'gw00000000000001' ? 'server' : 'client',
  startMs,
  endMs: startMs + 5,
  error: false,
});
const exchanges = [
  exchange(0, T1, true, 'gw00000000000001'),
  exchange(1, T2, false, 'gw00000000000002'),
];
const spans = [
  span(T1, '1111111111111111', 'gw00000000000001', 'orders', 'GET /orders/:id', 1001),
  span(T1, '2222222222222222', '1111111111111111', 'orders', 'GET', 1002),
  span(T1, '3333333333333333', '2222222222222222', 'inventory', 'GET /stock/:sku', 1003),
];
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    '@timestamp': '2026-11-23T10:00:00.000Z',
    'log.level': 'info',
    message: 'm',
    'ecs.version': '9.4.0',
    ...fields,
  });

describe('correlate', () => {
  const lines = [
    ...parseServiceLines(
      'orders',
      [
        line({ message: 'listening', 'server.port': 3000 }),
        line({
          message: 'loading order',
          'trace.id': T1,
          'span.id': '1111111111111111',
          'http.request.id': 'req-0',
        }),
        line({
          message: 'unsampled',
          'trace.id': T2,
          'span.id': '9999999999999999',
          'http.request.id': 'req-1',
        }),
        line({ message: 'lost context', 'http.request.id': 'req-0' }),
        line({ message: 'own trace', 'trace.id': T3, 'span.id': '1111111111111111' }),
        line({ message: 'gateway span', 'trace.id': T1, 'span.id': 'gw00000000000001' }),
        'not json at all',
      ].join('\n'),
    ),
    ...parseServiceLines(
      'inventory',
      line({
        'log.level': 'error',
        message: 'stock failed',
        'trace.id': T1,
        'span.id': '3333333333333333',
      }),
    ),
  ];
  const c = correlate({ spans, lines, exchanges });
  const verdictOf = (message: string) =>
    [...c.verdicts].find(([l]) => l.record?.message === message)?.[1];

  it('sorts every line into one verdict', () => {
    expect(c.counts).toEqual({ correlated: 2, unsampled: 1, process: 1, uncorrelated: 4 });
    expect(verdictOf('lost context')?.reason).toBe('has http.request.id but no trace.id');
    expect(verdictOf('own trace')?.reason).toMatch(/not started by the gateway/);
    expect(verdictOf('gateway span')?.reason).toMatch(/not an exported span/);
    expect(c.share).toBeCloseTo(2 / 6);
  });

  it('counts ECS validation problems of every line', () => {
    expect(c.problemsByCode['invalid-json']).toBe(1);
    expect(c.validationErrors).toBeGreaterThanOrEqual(1);
  });

  it('knows spans whose parent is the gateway are not orphans', () => {
    expect(c.orphanSpans).toEqual([]);
    const orphan = correlate({
      spans: [span(T1, '4444444444444444', 'ffffffffffffffff', 'x', 'y', 1)],
      lines: [],
      exchanges,
    });
    expect(orphan.orphanSpans.map((s) => s.spanId)).toEqual(['4444444444444444']);
  });
});

describe('trace views and the text tree', () => {
  const lines = parseServiceLines(
    'orders',
    [
      line({
        '@timestamp': '2026-11-23T10:00:00.002Z',
        message: 'loading order',
        'trace.id': T1,
        'span.id': '1111111111111111',
      }),
      line({
        '@timestamp': '2026-11-23T10:00:00.004Z',
        'log.level': 'error',
        message: 'stock failed',
        'trace.id': T1,
        'span.id': '3333333333333333',
        'error.type': 'Error',
      }),
      line({ message: 'unsampled line', 'trace.id': T2, 'span.id': '9999999999999999' }),
    ].join('\n'),
  );
  const views = buildTraceViews({ spans, lines, exchanges, names: ['get an order', 'unsampled'] });

  it('puts the gateway span on top of sampled traces only', () => {
    expect(views[0]?.spans.map((s) => [s.service, s.depth])).toEqual([
      ['istio-ingressgateway', 0],
      ['orders', 1],
      ['orders', 2],
      ['inventory', 3],
    ]);
    expect(views[1]?.spans).toEqual([]);
    expect(views[0]?.services.sort()).toEqual(['inventory', 'istio-ingressgateway', 'orders']);
    expect(views[0]?.error).toBe(true);
  });

  it('draws lines under their spans', () => {
    const tree = renderTraceTree(views[0]!).split('\n');
    const at = (text: string) => tree.findIndex((l) => l.includes(text));
    expect(at('loading order')).toBe(at('GET /orders/:id') + 1);
    expect(at('stock failed')).toBe(at('GET /stock/:sku') + 1);
    expect(tree[at('stock failed')]).toContain('(Error)');
    expect(tree[at('GET /stock/:sku')]).toMatch(/^ {9}└─ inventory/);
    const unsampled = renderTraceTree(views[1]!);
    expect(unsampled).toContain('not sampled: lines only');
    expect(unsampled).toContain('unsampled line');
  });
});
