import { type RunningService, startService } from '@ecotrace/demo/services';
import { validateLine } from '@ecotrace/ecs-schema';
import { type OtlpReceiver, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let receiver: OtlpReceiver;
let inventory: RunningService;
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const parent = '00f067aa0ba902b7';

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  inventory = await startService('inventory', {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });
}, 60_000);
afterAll(async () => {
  await inventory?.stop('SIGKILL');
  await receiver?.close();
});

describe('inventory (Fastify example)', () => {
  it('answers, and its request.log lines are valid ECS carrying the trace', async () => {
    const res = await fetch(`${inventory.url}/stock/tea`, {
      headers: {
        'x-b3-traceid': traceId,
        'x-b3-spanid': parent,
        'x-b3-sampled': '1',
        'x-request-id': 'smoke-2',
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sku: 'tea', available: 40 });
    expect((await inventory.stop('SIGTERM')).code).toBe(0);

    const lines = inventory.lines();
    for (const line of lines)
      expect(
        validateLine(line).filter((p) => p.severity === 'error'),
        line,
      ).toEqual([]);
    const records = lines.map((l) => JSON.parse(l));
    const checked = records.find((r) => r.message === 'stock checked');
    expect(checked).toMatchObject({
      'trace.id': traceId,
      'http.request.id': 'smoke-2',
      'service.name': 'inventory',
    });
    expect(checked['span.id']).toMatch(/^[0-9a-f]{16}$/);
    expect(checked['span.id']).not.toBe(parent); // our own span, not Envoy's
    const spans = await receiver.waitForSpans(
      (s) => s.some((x) => x.spanId === checked['span.id']),
      15_000,
    );
    expect(spans.find((s) => s.spanId === checked['span.id'])?.traceId).toBe(traceId);
  });
});
