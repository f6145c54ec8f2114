import { randomBytes, randomUUID } from 'node:crypto';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  SpanKind,
  startOtlpReceiver,
} from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EchoResponse,
  logLines,
  type RunningService,
  startService,
  tracedEnv,
} from './helpers.js';

const TRACE_128 = '80f198ee56343ba864fe8b2a57d3eff7';
const TRACE_64 = '5b8efff798038103';
const ENVOY_SPAN = 'e457b5a2e4d86bd1';

interface Case {
  name: string;
  traceId: string;
  sampled: '1' | '0' | undefined;
  path: 'orders' | 'fetch';
}

const cases: Case[] = [
  { name: '128-bit, sampled 1, node:http', traceId: TRACE_128, sampled: '1', path: 'orders' },
  { name: '64-bit, sampled 1, node:http', traceId: TRACE_64, sampled: '1', path: 'orders' },
  {
    name: '128-bit, sampled absent (deferred), node:http',
    traceId: TRACE_128,
    sampled: undefined,
    path: 'orders',
  },
  { name: '128-bit, sampled 1, fetch', traceId: TRACE_128, sampled: '1', path: 'fetch' },
  { name: '128-bit, sampled 0, node:http', traceId: TRACE_128, sampled: '0', path: 'orders' },
];

/** Waits for A's last line and B's line for this trace, then returns all lines with that trace id. */
async function requestLines(a: RunningService, b: RunningService, traceId: string) {
  await a.svc.waitForLine((l) => l.includes(traceId) && l.includes('a got answer from b'), 10_000);
  await b.svc.waitForLine((l) => l.includes(traceId) && l.includes('b handling echo'), 10_000);
  return [...logLines(a.svc), ...logLines(b.svc)].filter((l) => l['trace.id'] === traceId);
}

/** A fresh trace id of the case's width, so cases never see each other's spans. */
function freshTraceId(template: string): string {
  const hex = randomUUID().replaceAll('-', '');
  return template.length === 16 ? hex.slice(0, 16) : hex;
}

describe.each([
  ['Express 5 → Fastify 5, ESM (--import)', 'service-a.mjs', 'service-b.mjs', {}],
  ['Express 5 → Fastify 5, CJS (--require)', 'service-a.cjs', 'service-b.cjs', {}],
  [
    'Express 4 → Fastify 4, CJS (--require)',
    'service-a.cjs',
    'service-b.cjs',
    { EXPRESS_PKG: 'express4', FASTIFY_PKG: 'fastify4' },
  ],
] as const)('A → B: %s', (_mode, aFile, bFile, versions: Record<string, string>) => {
  let receiver: OtlpReceiver;
  let a: RunningService;
  let b: RunningService;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    b = await startService(
      bFile,
      tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'service-b', ...versions }),
    );
    a = await startService(
      aFile,
      tracedEnv(receiver.url, {
        OTEL_SERVICE_NAME: 'service-a',
        SERVICE_B_URL: b.url,
        ...versions,
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.svc.stop(), b?.svc.stop()]);
    await receiver?.close();
  });

  const applicable = aFile.endsWith('.cjs') ? cases.filter((c) => c.path === 'orders') : cases;

  it.each(applicable.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const inboundTrace = freshTraceId(c.traceId);
    const traceId = inboundTrace.padStart(32, '0');
    const requestId = randomUUID();
    const headers: Record<string, string> = {
      'x-request-id': requestId,
      'x-b3-traceid': inboundTrace,
      'x-b3-spanid': ENVOY_SPAN,
      'x-b3-parentspanid': '05e3ac9a4f6e3b90',
    };
    if (c.sampled !== undefined) headers['x-b3-sampled'] = c.sampled;
    const res = await fetch(`${a.url}/${c.path}/42`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as EchoResponse;
    const expectSampled = c.sampled !== '0';

    // A's handler runs in Envoy's trace with OUR decision (its active span is Express's handler
    // span; the server span's parent is checked on the exported spans below).
    expect(body.span).toMatchObject({ traceId, sampled: expectSampled });
    // What A sent to B: B3 multi + traceparent, no single b3, x-request-id unchanged.
    const sent = body.fromB.headers;
    expect(sent['x-b3-traceid']).toBe(traceId);
    expect(sent['x-b3-sampled']).toBe(expectSampled ? '1' : '0');
    expect(sent.b3).toBeUndefined();
    expect(sent['x-request-id']).toBe(requestId);
    expect(sent.traceparent).toBe(`00-${traceId}-${sent['x-b3-spanid']}-0${expectSampled ? 1 : 0}`);
    // B's server span is a child of what A injected (A's client span). An unsampled span is a
    // NonRecordingSpan in the SDK and does not expose its parent.
    expect(body.fromB.span).toMatchObject({ traceId, sampled: expectSampled });
    if (expectSampled) expect(body.fromB.span?.parentSpanId).toBe(sent['x-b3-spanid']);

    if (expectSampled) {
      const spans = await receiver.waitForSpans(
        (all) => all.filter((s) => s.traceId === traceId && s.kind === SpanKind.SERVER).length >= 2,
        20_000,
      );
      const trace = spans.filter((s) => s.traceId === traceId);
      const aServer = trace.find(
        (s) => s.serviceName === 'service-a' && s.kind === SpanKind.SERVER,
      ) as ReceivedSpan;
      const aClient = trace.find(
        (s) => s.serviceName === 'service-a' && s.kind === SpanKind.CLIENT,
      ) as ReceivedSpan;
      const bServer = trace.find(
        (s) => s.serviceName === 'service-b' && s.kind === SpanKind.SERVER,
      ) as ReceivedSpan;
      expect(aServer.parentSpanId).toBe(ENVOY_SPAN);
      // Express's own spans hang below the server span.
      expect(trace.find((s) => s.spanId === body.span?.spanId)?.serviceName).toBe('service-a');
      expect(aServer.attributes['http.route']).toBe(`/${c.path}/:id`);
      expect(aClient.spanId).toBe(sent['x-b3-spanid']);
      expect(bServer).toMatchObject({
        parentSpanId: aClient.spanId,
        spanId: body.fromB.span?.spanId,
      });
      expect(bServer.attributes['http.route']).toBe('/echo/:id');
      expect(new Set(trace.map((s) => s.traceId))).toEqual(new Set([traceId]));

      // Every line A and B wrote for this request carries the trace id and an exported span id.
      // Lines travel over pipes, spans over HTTP: wait for both rather than racing them.
      const lines = await requestLines(a, b, traceId);
      const logged = lines.map((l) => l['span.id'] as string);
      const all = await receiver.waitForSpans(
        (got) => logged.every((id) => got.some((s) => s.spanId === id)),
        20_000,
      );
      for (const id of logged) expect(all.find((s) => s.spanId === id)?.traceId).toBe(traceId);
    } else {
      // Not recorded: nothing exported for this trace, but the logs still carry the ids. A
      // sampled request sent afterwards is the barrier: its spans end later and are queued
      // behind anything of this trace, so once they have arrived, this trace's would have too
      // (a fixed wait proves nothing when a loaded child exports late).
      const probe = randomBytes(16).toString('hex');
      const probed = await fetch(`${a.url}/${c.path}/43`, {
        headers: { 'x-b3-traceid': probe, 'x-b3-spanid': ENVOY_SPAN, 'x-b3-sampled': '1' },
      });
      expect(probed.status).toBe(200);
      await receiver.waitForSpans(
        (all) => all.filter((s) => s.traceId === probe && s.kind === SpanKind.SERVER).length >= 2,
        20_000,
      );
      expect(receiver.spans().filter((s) => s.traceId === traceId)).toEqual([]);
      const lines = await requestLines(a, b, traceId);
      for (const line of lines) expect(line['span.id']).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});
