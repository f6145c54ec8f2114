import { resolve } from 'node:path';
import { validateLine } from '@ecotrace/ecs-schema';
import { type SpawnedService, spawnService } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexId, send } from './http-harness.js';

// Tracing mode: the real OTel NodeSDK in a child process running the built package (turbo
// builds before tests), so instrumentation patches http before the framework loads, as in
// production with `node --import`.
const FIXTURE = resolve(import.meta.dirname, 'http-fixtures', 'traced-app.cjs');

interface SpanLine {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  name: string;
}
const SERVER = 1; // SpanKind.SERVER

function spans(svc: SpanSpawn): SpanLine[] {
  return svc
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('SPAN '))
    .map((l) => JSON.parse(l.slice(5)) as SpanLine);
}
type SpanSpawn = SpawnedService;

async function waitFor<T>(get: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(['express5', 'express4', 'fastify5', 'fastify4'])('tracing mode: %s', (framework) => {
  let svc: SpawnedService;
  let port: number;
  const records = () => svc.lines().map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    svc = spawnService(process.execPath, [FIXTURE, framework], {
      env: {
        ...process.env,
        OTEL_PROPAGATORS: 'tracecontext,b3multi',
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_SDK_DISABLED: 'false',
      },
      cwd: resolve(import.meta.dirname, '..'),
    });
    const line = await svc.waitForLine((l) => l.includes('"listening"'), 20_000);
    port = JSON.parse(line)['url.port'];
  });
  afterAll(async () => {
    await svc?.stop('SIGTERM');
    const bad = svc.lines().filter((l) => validateLine(l).some((p) => p.severity === 'error'));
    expect(bad).toEqual([]);
  });

  it('takes ids from the active server span; transaction.id is that span, child of the sidecar span', async () => {
    const requests = Array.from({ length: 50 }, (_, i) => ({
      id: `${framework}-t${i}`,
      traceId: hexId(32),
      spanId: hexId(16),
    }));
    const replies = await Promise.all(
      requests.map((r) =>
        send(port, '/ok', {
          'x-request-id': r.id,
          'x-b3-traceid': r.traceId,
          'x-b3-spanid': r.spanId,
          'x-b3-sampled': '1',
        }),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    for (const r of requests) {
      const server = await waitFor(
        () => spans(svc).find((s) => s.traceId === r.traceId && s.kind === SERVER),
        `server span of ${r.id}`,
      );
      // Instrumentation continued the sidecar's trace: our server span's parent is x-b3-spanid.
      expect(server.parentSpanId).toBe(r.spanId);
      const lines = await waitFor(() => {
        const mine = records().filter((l) => l['http.request.id'] === r.id);
        return mine.some((l) => l.message === 'GET /ok 200') ? mine : undefined;
      }, `access line of ${r.id}`);
      expect(lines.length).toBeGreaterThanOrEqual(3);
      // Batches are exported concurrently, so a child span's batch can arrive after the server
      // span's: wait until every span a line names has arrived (a wrong id times out and fails).
      const traceSpans = await waitFor(() => {
        const ids = new Set(
          spans(svc)
            .filter((s) => s.traceId === r.traceId)
            .map((s) => s.spanId),
        );
        return lines.every((l) => ids.has(l['span.id'] as string)) ? ids : undefined;
      }, `spans named by the lines of ${r.id}`).catch(
        () =>
          new Set(
            spans(svc)
              .filter((s) => s.traceId === r.traceId)
              .map((s) => s.spanId),
          ),
      );
      for (const line of lines) {
        expect(line['trace.id']).toBe(r.traceId);
        expect(line['transaction.id']).toBe(server.spanId);
        // span.id is the span active when the line was written: the server span or one of its
        // children (instrumentation-express's handler spans), never the sidecar's span.
        expect(traceSpans.has(line['span.id'] as string), JSON.stringify(line)).toBe(true);
      }
      const access = lines.find((l) => l.message === 'GET /ok 200')!;
      expect(access['span.id']).toBe(server.spanId);
    }
    expect(
      records().filter((l) => l['http.request.id'] !== undefined && l['trace.id'] === undefined),
    ).toEqual([]);
  });

  it('starts a root trace without headers and logs a handler error once in it', async () => {
    const reply = await send(port, '/fail', { 'x-request-id': `${framework}-fail` });
    expect(reply.status).toBe(500);
    const lines = await waitFor(() => {
      const mine = records().filter((l) => l['http.request.id'] === `${framework}-fail`);
      return mine.some((l) => l['http.response.status_code'] === 500) ? mine : undefined;
    }, 'error request lines');
    const errors = lines.filter((l) => l['error.message'] === 'traced boom');
    expect(errors).toHaveLength(1);
    // The span reaches stderr when it ends, which may be after the access line reached stdout.
    const server = await waitFor(
      () => spans(svc).find((s) => s.traceId === lines[0]!['trace.id'] && s.kind === SERVER),
      'the server span',
    );
    expect(server.parentSpanId).toBeUndefined();
    for (const line of lines) expect(line['transaction.id']).toBe(server.spanId);
  });
});
