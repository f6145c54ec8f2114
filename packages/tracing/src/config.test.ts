import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';

describe('resolveConfig', () => {
  it('defaults: otlp protobuf to localhost:4318, envoy+baggage, 2048 queue, 5 s shutdown', () => {
    const c = resolveConfig({}, {});
    expect(c.exporter).toEqual({
      kind: 'otlp',
      url: 'http://localhost:4318/v1/traces',
      protocol: 'http/protobuf',
    });
    expect(c.propagators).toEqual(['envoy', 'baggage']);
    expect(c.maxQueueSize).toBe(2048);
    expect(c.shutdownTimeoutMs).toBe(5000);
    expect(c.disabled).toBe(false);
  });

  it('reads OTEL_* and lets options win', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_PROPAGATORS: 'tracecontext, b3multi',
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_SDK_DISABLED: 'true',
    };
    const fromEnv = resolveConfig({}, env);
    expect(fromEnv.exporter).toEqual({
      kind: 'otlp',
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/json',
    });
    expect(fromEnv.propagators).toEqual(['tracecontext', 'b3multi']);
    expect(fromEnv.maxQueueSize).toBe(100);
    expect(fromEnv.disabled).toBe(true);
    const fromOptions = resolveConfig(
      {
        endpoint: 'http://other:4318/v1/traces',
        protocol: 'http/protobuf',
        propagators: ['envoy'],
        disabled: false,
      },
      env,
    );
    expect(fromOptions.exporter).toEqual({
      kind: 'otlp',
      url: 'http://other:4318/v1/traces',
      protocol: 'http/protobuf',
    });
    expect(fromOptions.propagators).toEqual(['envoy']);
    expect(fromOptions.disabled).toBe(false);
    expect(resolveConfig({}, { OTEL_TRACES_EXPORTER: 'zipkin' }).exporter).toEqual({
      kind: 'zipkin',
      url: 'http://localhost:9411/api/v2/spans',
    });
  });

  it.each([
    [{}, { OTEL_PROPAGATORS: 'tracecontext,xray' }, /"xray" in OTEL_PROPAGATORS/],
    [{ propagators: ['jaeger'] as never }, {}, /"jaeger" in the propagators option/],
    [{}, { OTEL_TRACES_EXPORTER: 'jaeger' }, /"jaeger" in OTEL_TRACES_EXPORTER/],
    [{}, { OTEL_TRACES_EXPORTER: 'otlp,console' }, /OTEL_TRACES_EXPORTER lists 2/],
    [{}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, /OTEL_EXPORTER_OTLP_PROTOCOL "grpc"/],
    [
      {},
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http/,
    ],
    [{ endpoint: 'not a url' }, {}, /the endpoint option is not a valid URL/],
    [{}, { OTEL_TRACES_SAMPLER: 'sometimes' }, /"sometimes" in OTEL_TRACES_SAMPLER/],
    [
      {},
      { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' },
      /OTEL_TRACES_SAMPLER_ARG must be/,
    ],
    [{ maxQueueSize: -1 }, {}, /the maxQueueSize option must be a positive integer/],
    [{}, { OTEL_BSP_MAX_QUEUE_SIZE: 'lots' }, /OTEL_BSP_MAX_QUEUE_SIZE must be a positive integer/],
  ])('throws naming the culprit: %o %o', (options, env, message) => {
    expect(() => resolveConfig(options, env)).toThrow(message);
  });
});
