/** Attribute values as OTLP carries them (int64 beyond 2^53 stays a bigint). */
export type AttributeValue =
  | string
  | number
  | bigint
  | boolean
  | Uint8Array
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/** One span as the receiver got it, flattened out of its resource and scope. */
export interface ReceivedSpan {
  /** 32 lowercase hex. */
  traceId: string;
  /** 16 lowercase hex. */
  spanId: string;
  /** 16 lowercase hex, or undefined for a root span. */
  parentSpanId: string | undefined;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer (0 unspecified). */
  kind: number;
  /** Decimal string: nanoseconds do not fit a JS number. */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Record<string, AttributeValue>;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  /** `service.name` of the resource (Zipkin: localEndpoint.serviceName). */
  serviceName: string | undefined;
  resource: Record<string, AttributeValue>;
  /** Instrumentation scope name (empty for Zipkin). */
  scope: string;
  /** How it arrived. */
  protocol: 'otlp-protobuf' | 'otlp-json' | 'zipkin';
}

/** OTLP span kinds by name, for readable assertions. */
export const SpanKind = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
