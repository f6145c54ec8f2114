// OTLP / Zipkin receiver

export { decodeOtlpJson } from './otlp-json.js';
export { decodeOtlpProtobuf } from './otlp-protobuf.js';
export { type OtlpReceiver, type ReceivedExport, startOtlpReceiver } from './otlp-receiver.js';
// Child processes
export { type SpawnedService, spawnService, waitForHttp } from './spawn-service.js';
export { type AttributeValue, type ReceivedSpan, SpanKind } from './types.js';
export { decodeZipkinJson } from './zipkin-json.js';
