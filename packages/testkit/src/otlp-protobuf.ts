import { ProtoReader, toHex, WIRE_FIXED64, WIRE_LENGTH_DELIMITED } from './protobuf-reader.js';
import type { AttributeValue, ReceivedSpan } from './types.js';

// Field numbers from opentelemetry-proto: collector/trace/v1/trace_service.proto,
// trace/v1/trace.proto, resource/v1/resource.proto, common/v1/common.proto.

function anyValue(buf: Uint8Array): AttributeValue {
  const r = new ProtoReader(buf);
  let value: AttributeValue = null;
  for (let f = r.next(); f; f = r.next()) {
    if (f.field === 1) value = r.string();
    else if (f.field === 2) value = r.varint() !== 0n;
    else if (f.field === 3) value = int64(r.varint());
    else if (f.field === 4 && f.wireType === WIRE_FIXED64) value = r.double();
    else if (f.field === 5) value = arrayValue(r.bytes());
    else if (f.field === 6) value = keyValues(kvList(r.bytes()));
    else if (f.field === 7) value = r.bytes().slice();
    else r.skip(f.wireType);
  }
  return value;
}

function int64(raw: bigint): number | bigint {
  const signed = BigInt.asIntN(64, raw);
  return signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(signed)
    : signed;
}

function arrayValue(buf: Uint8Array): AttributeValue[] {
  const r = new ProtoReader(buf);
  const out: AttributeValue[] = [];
  for (let f = r.next(); f; f = r.next()) {
    if (f.field === 1) out.push(anyValue(r.bytes()));
    else r.skip(f.wireType);
  }
  return out;
}

function kvList(buf: Uint8Array): Uint8Array[] {
  const r = new ProtoReader(buf);
  const out: Uint8Array[] = [];
  for (let f = r.next(); f; f = r.next()) {
    if (f.field === 1) out.push(r.bytes());
    else r.skip(f.wireType);
  }
  return out;
}

function keyValues(entries: Uint8Array[]): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const entry of entries) {
    const r = new ProtoReader(entry);
    let key = '';
    let value: AttributeValue = null;
    for (let f = r.next(); f; f = r.next()) {
      if (f.field === 1) key = r.string();
      else if (f.field === 2) value = anyValue(r.bytes());
      else r.skip(f.wireType);
    }
    out[key] = value;
  }
  return out;
}

/** Repeated KeyValue `attributes` at `field` of a message. */
function attributesOf(buf: Uint8Array, field: number): Record<string, AttributeValue> {
  const r = new ProtoReader(buf);
  const entries: Uint8Array[] = [];
  for (let f = r.next(); f; f = r.next()) {
    if (f.field === field && f.wireType === WIRE_LENGTH_DELIMITED) entries.push(r.bytes());
    else r.skip(f.wireType);
  }
  return keyValues(entries);
}

type SpanCore = Omit<ReceivedSpan, 'serviceName' | 'resource' | 'scope' | 'protocol'>;

function span(buf: Uint8Array): SpanCore {
  const r = new ProtoReader(buf);
  const s: SpanCore = {
    traceId: '',
    spanId: '',
    parentSpanId: undefined,
    name: '',
    kind: 0,
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    attributes: {},
    status: { code: 0 },
  };
  const attributes: Uint8Array[] = [];
  for (let f = r.next(); f; f = r.next()) {
    if (f.field === 1) s.traceId = toHex(r.bytes());
    else if (f.field === 2) s.spanId = toHex(r.bytes());
    else if (f.field === 4) {
      const parent = toHex(r.bytes());
      s.parentSpanId = parent === '' ? undefined : parent;
    } else if (f.field === 5) s.name = r.string();
    else if (f.field === 6) s.kind = Number(r.varint());
    else if (f.field === 7) s.startTimeUnixNano = r.fixed64().toString();
    else if (f.field === 8) s.endTimeUnixNano = r.fixed64().toString();
    else if (f.field === 9) attributes.push(r.bytes());
    else if (f.field === 15) s.status = status(r.bytes());
    else r.skip(f.wireType);
  }
  s.attributes = keyValues(attributes);
  return s;
}

function status(buf: Uint8Array): { code: number; message?: string } {
  const r = new ProtoReader(buf);
  const out: { code: number; message?: string } = { code: 0 };
  for (let f = r.next(); f; f = r.next()) {
    if (f.field === 2) out.message = r.string();
    else if (f.field === 3) out.code = Number(r.varint());
    else r.skip(f.wireType);
  }
  return out;
}

/** Decodes an OTLP ExportTraceServiceRequest (protobuf) into flat spans. */
export function decodeOtlpProtobuf(body: Uint8Array): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  const request = new ProtoReader(body);
  for (let rsField = request.next(); rsField; rsField = request.next()) {
    if (rsField.field !== 1) {
      request.skip(rsField.wireType);
      continue;
    }
    const rs = new ProtoReader(request.bytes());
    let resource: Record<string, AttributeValue> = {};
    const scopes: Uint8Array[] = [];
    for (let f = rs.next(); f; f = rs.next()) {
      if (f.field === 1) resource = attributesOf(rs.bytes(), 1);
      else if (f.field === 2) scopes.push(rs.bytes());
      else rs.skip(f.wireType);
    }
    const serviceName =
      typeof resource['service.name'] === 'string' ? resource['service.name'] : undefined;
    for (const scopeBuf of scopes) {
      const ss = new ProtoReader(scopeBuf);
      let scope = '';
      const spans: Uint8Array[] = [];
      for (let f = ss.next(); f; f = ss.next()) {
        if (f.field === 1) {
          const sc = new ProtoReader(ss.bytes());
          for (let g = sc.next(); g; g = sc.next()) {
            if (g.field === 1) scope = sc.string();
            else sc.skip(g.wireType);
          }
        } else if (f.field === 2) spans.push(ss.bytes());
        else ss.skip(f.wireType);
      }
      for (const s of spans)
        out.push({ ...span(s), serviceName, resource, scope, protocol: 'otlp-protobuf' });
    }
  }
  return out;
}
