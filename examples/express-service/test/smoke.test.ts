import { type RunningService, startService } from '@ecotrace/demo/services';
import { validateLine } from '@ecotrace/ecs-schema';
import { type OtlpReceiver, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Start `orders` (and the `inventory` it calls) as users do, send one request with Envoy's
// headers, and check the ECS lines both wrote: valid, carrying the request's trace.
let receiver: OtlpReceiver;
let inventory: RunningService;
let orders: RunningService;
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const parent = '00f067aa0ba902b7';

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const env = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' };
  inventory = await startService('inventory', env);
  orders = await startService('orders', { ...env, INVENTORY_URL: inventory.url });
}, 60_000);
afterAll(async () => {
  await orders?.stop('SIGKILL');
  await inventory?.stop('SIGKILL');
  await receiver?.close();
});

describe('orders (Express example)', () => {
  it('answers, and every line it writes for the request carries the trace', async () => {
    const res = await fetch(`${orders.url}/orders/1001`, {
      headers: {
        'x-b3-traceid': traceId,
        'x-b3-spanid': parent,
        'x-b3-sampled': '1',
        'x-request-id': 'smoke-1',
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: '1001', sku: 'tea' });
    const exits = await Promise.all([orders.stop('SIGTERM'), inventory.stop('SIGTERM')]);
    expect(exits.map((e) => e.code)).toEqual([0, 0]);

    for (const service of [orders, inventory]) {
      const lines = service.lines();
      for (const line of lines) {
        expect(
          validateLine(line).filter((p) => p.severity === 'error'),
          line,
        ).toEqual([]);
      }
      const records = lines.map((l) => JSON.parse(l));
      const traced = records.filter((r) => r['trace.id'] !== undefined);
      expect(traced.length, `${service.name} wrote no line with a trace`).toBeGreaterThan(0);
      expect(new Set(traced.map((r) => r['trace.id']))).toEqual(new Set([traceId]));
      expect(traced.every((r) => r['http.request.id'] === 'smoke-1')).toBe(true);
    }
    const loading = orders
      .lines()
      .map((l) => JSON.parse(l))
      .find((r) => r.message === 'loading order');
    expect(loading?.['service.name']).toBe('orders');
    const spans = await receiver.waitForSpans(
      (s) => s.some((x) => x.spanId === loading['span.id']),
      15_000,
    );
    const server = spans.find((s) => s.serviceName === 'orders' && s.parentSpanId === parent);
    expect(server?.traceId).toBe(traceId);
  });
});
