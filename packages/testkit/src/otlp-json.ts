import type { AttributeValue, ReceivedSpan } from './types.js';

// OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): lowerCamelCase
// keys, ids as hex strings, int64 as decimal strings or numbers, enums as integers.

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Ids are hex per the spec; base64 is accepted too because protobuf's JSON mapping uses it. */
function id(value: unknown, hexLength: number): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.length === hexLength && /^[0-9a-fA-F]+$/.test(value)) return value.toLowerCase();
  return Buffer.from(value, 'base64').toString('hex');
}

function anyValue(raw: unknown): AttributeValue {
  const v = obj(raw);
  if ('stringValue' in v) return String(v.stringValue);
  if ('boolValue' in v) return Boolean(v.boolValue);
  if ('intValue' in v) {
    const n = BigInt(v.intValue as string | number);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(n)
      : n;
  }
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('arrayValue' in v) return list(obj(v.arrayValue).values).map(anyValue);
  if ('kvlistValue' in v) return keyValues(obj(v.kvlistValue).values);
  if ('bytesValue' in v) return new Uint8Array(Buffer.from(String(v.bytesValue), 'base64'));
  return null;
}

function keyValues(raw: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const entry of list(raw)) {
    const kv = obj(entry);
    out[String(kv.key)] = anyValue(kv.value);
  }
  return out;
}

function nanos(value: unknown): string {
  return value === undefined ? '0' : BigInt(value as string | number).toString();
}

/** Decodes an OTLP/JSON ExportTraceServiceRequest into flat spans. */
export function decodeOtlpJson(body: unknown): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rsRaw of list(obj(body).resourceSpans)) {
    const rs = obj(rsRaw);
    const resource = keyValues(obj(rs.resource).attributes);
    const serviceName =
      typeof resource['service.name'] === 'string' ? resource['service.name'] : undefined;
    for (const ssRaw of list(rs.scopeSpans)) {
      const ss = obj(ssRaw);
      const scope = String(obj(ss.scope).name ?? '');
      for (const spanRaw of list(ss.spans)) {
        const s = obj(spanRaw);
        const st = obj(s.status);
        const status: ReceivedSpan['status'] = { code: Number(st.code ?? 0) };
        if (typeof st.message === 'string' && st.message !== '') status.message = st.message;
        out.push({
          traceId: id(s.traceId, 32) ?? '',
          spanId: id(s.spanId, 16) ?? '',
          parentSpanId: id(s.parentSpanId, 16),
          name: String(s.name ?? ''),
          kind: Number(s.kind ?? 0),
          startTimeUnixNano: nanos(s.startTimeUnixNano),
          endTimeUnixNano: nanos(s.endTimeUnixNano),
          attributes: keyValues(s.attributes),
          status,
          serviceName,
          resource,
          scope,
          protocol: 'otlp-json',
        });
      }
    }
  }
  return out;
}
