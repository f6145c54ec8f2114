import type { AttributeValue, ReceivedSpan } from './types.js';

// Zipkin v2 JSON (https://zipkin.io/zipkin-api/#/default/post_spans): an array of spans with
// hex ids (64-bit trace ids allowed), microsecond timestamps and string tags.
const KINDS: Record<string, number> = { SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 };

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Decodes a Zipkin v2 JSON body into the same flat spans as OTLP (ids padded to 32 hex). */
export function decodeZipkinJson(body: unknown): ReceivedSpan[] {
  if (!Array.isArray(body)) return [];
  return body.map((raw: Record<string, unknown>): ReceivedSpan => {
    const tags: Record<string, AttributeValue> = {
      ...((raw.tags as Record<string, string>) ?? {}),
    };
    const startMicros = BigInt((raw.timestamp as number | undefined) ?? 0);
    const endMicros = startMicros + BigInt((raw.duration as number | undefined) ?? 0);
    const serviceName = str(
      (raw.localEndpoint as Record<string, unknown> | undefined)?.serviceName,
    );
    const resource: Record<string, AttributeValue> = serviceName
      ? { 'service.name': serviceName }
      : {};
    const statusCode = tags['otel.status_code'] === 'ERROR' || 'error' in tags ? 2 : 0;
    return {
      traceId: (str(raw.traceId) ?? '').toLowerCase().padStart(32, '0'),
      spanId: (str(raw.id) ?? '').toLowerCase(),
      parentSpanId: str(raw.parentId)?.toLowerCase(),
      name: str(raw.name) ?? '',
      kind: KINDS[String(raw.kind)] ?? 1,
      startTimeUnixNano: (startMicros * 1000n).toString(),
      endTimeUnixNano: (endMicros * 1000n).toString(),
      attributes: tags,
      status: { code: statusCode },
      serviceName,
      resource,
      scope: '',
      protocol: 'zipkin',
    };
  });
}
