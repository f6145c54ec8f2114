import { SpanKind as ApiSpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, SpanKind, startOtlpReceiver } from '../src/index.js';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

/** Emits a parent server span and a child client span through the real SDK and `exporter`. */
async function emit(
  exporter: SpanExporter,
  service: string,
): Promise<{ traceId: string; parent: string; child: string }> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.version': '1.2.3' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('testkit-test', '0.0.1');
  const parent = tracer.startSpan('GET /orders', {
    kind: ApiSpanKind.SERVER,
    attributes: {
      'http.route': '/orders',
      'http.response.status_code': 200,
      ratio: 0.5,
      ok: true,
      tags: ['a', 'b'],
    },
  });
  const { trace, context } = await import('@opentelemetry/api');
  const child = tracer.startSpan(
    'GET',
    { kind: ApiSpanKind.CLIENT },
    trace.setSpan(context.active(), parent),
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end();
  parent.end();
  await provider.forceFlush();
  await provider.shutdown();
  return {
    traceId: parent.spanContext().traceId,
    parent: parent.spanContext().spanId,
    child: child.spanContext().spanId,
  };
}

describe.each([
  [
    'otlp-protobuf',
    (url: string) => new OtlpProtoExporter({ url: `${url}/v1/traces` }),
    'application/x-protobuf',
  ],
  [
    'otlp-json',
    (url: string) => new OtlpJsonExporter({ url: `${url}/v1/traces` }),
    'application/json',
  ],
  [
    'zipkin',
    (url: string) => new ZipkinExporter({ url: `${url}/api/v2/spans` }),
    'application/json',
  ],
] as const)('receives spans from the real %s exporter', (protocol, makeExporter, contentType) => {
  it('decodes ids, parentage, kinds, attributes, status and resource', async () => {
    receiver.clear();
    const service = `svc-${protocol}`;
    const ids = await emit(makeExporter(receiver.url), service);
    const spans = await receiver.waitForSpans(
      (s) => s.filter((x) => x.traceId === ids.traceId).length === 2,
    );
    expect(receiver.exports().every((e) => e.contentType === contentType)).toBe(true);
    const server = spans.find((s) => s.spanId === ids.parent);
    const client = spans.find((s) => s.spanId === ids.child);
    expect(server).toMatchObject({
      traceId: ids.traceId,
      parentSpanId: undefined,
      name: 'GET /orders',
      kind: SpanKind.SERVER,
      serviceName: service,
      protocol,
    });
    expect(client).toMatchObject({
      traceId: ids.traceId,
      parentSpanId: ids.parent,
      kind: SpanKind.CLIENT,
      protocol,
    });
    expect(client?.status.code).toBe(2);
    expect(BigInt(server?.endTimeUnixNano ?? 0)).toBeGreaterThanOrEqual(
      BigInt(server?.startTimeUnixNano ?? 0),
    );
    expect(BigInt(server?.startTimeUnixNano ?? 0)).toBeGreaterThan(1_600_000_000_000_000_000n);
    if (protocol === 'zipkin') {
      // Zipkin tags are strings.
      expect(server?.attributes['http.route']).toBe('/orders');
      expect(server?.attributes['http.response.status_code']).toBe('200');
    } else {
      expect(server?.attributes).toMatchObject({
        'http.route': '/orders',
        'http.response.status_code': 200,
        ratio: 0.5,
        ok: true,
        tags: ['a', 'b'],
      });
      expect(server?.resource['service.version']).toBe('1.2.3');
      expect(server?.scope).toBe('testkit-test');
      expect(client?.status.message).toBe('boom');
    }
  });
});

describe('receiver edges', () => {
  it('rejects unknown paths and content types, and times out waiting with a useful message', async () => {
    expect((await fetch(`${receiver.url}/v1/logs`, { method: 'POST', body: '{}' })).status).toBe(
      404,
    );
    const res = await fetch(`${receiver.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(415);
    await expect(receiver.waitForSpans(() => false, 200)).rejects.toThrow(/timed out after 200 ms/);
  });
});
