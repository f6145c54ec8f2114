// Issue 17 item 1: database and cache spans from the auto-instrumentation set, against a real
// PostgreSQL and a real Redis started by this file (skipped, saying why, where they are absent).
import {
  type OtlpReceiver,
  type ReceivedSpan,
  SpanKind,
  startOtlpReceiver,
} from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logLines, type RunningService, startService, tracedEnv } from './helpers.js';
import {
  postgresMissing,
  type RealServer,
  redisMissing,
  startPostgres,
  startRedis,
} from './real-servers.js';

const missing = postgresMissing() ?? redisMissing();
if (missing) console.warn(`databases.test.ts skipped: ${missing}`);

/** The span's ancestors in `spans`, nearest first, up to one with no parent among them. */
function ancestry(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: ReceivedSpan[] = [];
  let parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
  while (parent && chain.length < 20) {
    chain.push(parent);
    parent = parent.parentSpanId ? byId.get(parent.parentSpanId) : undefined;
  }
  return chain;
}

describe.skipIf(missing !== undefined)('DB and cache spans (real PostgreSQL and Redis)', () => {
  let receiver: OtlpReceiver;
  let pg: RealServer & { url: string };
  let redis: RealServer;
  beforeAll(async () => {
    [receiver, pg, redis] = await Promise.all([startOtlpReceiver(), startPostgres(), startRedis()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([receiver?.close(), pg?.stop(), redis?.stop()]);
  });

  it.each([
    ['db-service.mjs', 'a1b2c3d4e5f60718293a4b5c6d7e8f90', 'd3b8f9a0c1e2d3b4a5f6e7d8c9b0a1f2'],
    ['db-service.cjs', 'b1b2c3d4e5f60718293a4b5c6d7e8f91', 'e3b8f9a0c1e2d3b4a5f6e7d8c9b0a1f3'],
  ])(
    '%s: pg and ioredis spans chain up to the server span of the Envoy trace; logs carry its trace.id; sampled 0 makes none',
    async (file, traceId, unsampled) => {
      const service: RunningService = await startService(
        file,
        tracedEnv(receiver.url, {
          OTEL_SERVICE_NAME: `db-${file}`,
          PG_URL: pg.url,
          REDIS_PORT: String(redis.port),
        }),
      );
      try {
        // Sampled 0 first: if it made spans they would reach the receiver before the sampled ones.
        const notSampled = await fetch(`${service.url}/orders/6`, {
          headers: {
            'x-b3-traceid': unsampled,
            'x-b3-spanid': '1b2c3d4e5f60718a',
            'x-b3-sampled': '0',
            'x-request-id': 'req-unsampled',
          },
        });
        expect(notSampled.status).toBe(200);

        const envoySpan = '0f1e2d3c4b5a6978';
        const res = await fetch(`${service.url}/orders/7`, {
          headers: {
            'x-b3-traceid': traceId,
            'x-b3-spanid': envoySpan,
            'x-b3-sampled': '1',
            'x-request-id': 'req-sampled',
          },
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { row: { id: number } }).row.id).toBe(7);

        const isDb = (s: ReceivedSpan) =>
          s.traceId === traceId && s.attributes['db.system.name'] === 'postgresql';
        const isCache = (s: ReceivedSpan) =>
          s.traceId === traceId && s.attributes['db.system.name'] === 'redis';
        const spans = await receiver.waitForSpans(
          (all) => all.filter(isDb).length > 0 && all.filter(isCache).length >= 2,
          20_000,
        );
        const trace = spans.filter((s) => s.traceId === traceId);
        const server = trace.find((s) => s.kind === SpanKind.SERVER);
        expect(server?.parentSpanId).toBe(envoySpan);
        const query = trace.find((s) => isDb(s) && String(s.name).startsWith('pg.query'));
        expect(query, trace.map((s) => s.name).join(', ')).toBeDefined();
        for (const span of [...trace.filter(isDb), ...trace.filter(isCache)]) {
          expect(span.kind).toBe(SpanKind.CLIENT);
          expect(ancestry(span, trace).map((s) => s.spanId)).toContain(server?.spanId);
        }
        // The example the issue note quotes.
        console.info(
          `${file} trace ${traceId}:\n${trace
            .map((s) => `  ${s.name} [${s.spanId} <- ${s.parentSpanId}] ${s.scope}`)
            .join('\n')}`,
        );

        // Every line the handler wrote carries the trace it ran in.
        const lines = logLines(service.svc);
        const ofOrder = (id: string) =>
          lines.filter((l) => (l.order as { id?: string } | undefined)?.id === id);
        expect(ofOrder('7').map((l) => l.message)).toEqual(['loading order', 'order loaded']);
        for (const line of ofOrder('7')) expect(line['trace.id']).toBe(traceId);
        expect(ofOrder('6')).toHaveLength(2);
        for (const line of ofOrder('6')) expect(line['trace.id']).toBe(unsampled);

        // Nothing of the unsampled request was exported, though its logs carry its trace id:
        // checked after the SIGTERM flush has exported whatever was still queued.
        await service.svc.stop();
        expect(receiver.spans().filter((s) => s.traceId === unsampled)).toEqual([]);
      } finally {
        await service.svc.stop();
      }
    },
    90_000,
  );
});
