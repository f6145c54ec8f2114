import type { ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import {
  ConsoleSpanExporter,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { ResolvedExporter } from './internal-types.js';
import { warnOnce } from './warn-once.js';

/**
 * Wraps an exporter so the first failed export (endpoint unreachable, refused, 4xx/5xx) gives one
 * warning naming the endpoint: otherwise spans vanish silently and the first sign is an empty Jaeger.
 */
class SelfCheckingExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly endpoint: string,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      // ExportResultCode.FAILED === 1
      if (result.code !== 0) {
        warnOnce(
          'ECOTRACE_EXPORT_FAILED',
          `@ecotrace/tracing: exporting spans to ${this.endpoint} failed (${result.error?.message ?? 'unknown error'}); ` +
            'check OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_ZIPKIN_ENDPOINT. Further failures are not reported.',
        );
      }
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/** The span exporter for a resolved configuration, or undefined for `none`. */
export function createExporter(config: ResolvedExporter): SpanExporter | undefined {
  switch (config.kind) {
    case 'none':
      return undefined;
    case 'console':
      return new ConsoleSpanExporter();
    case 'zipkin':
      return new SelfCheckingExporter(new ZipkinExporter({ url: config.url }), config.url);
    case 'otlp': {
      const inner =
        config.protocol === 'http/json'
          ? new OtlpJsonExporter({ url: config.url })
          : new OtlpProtoExporter({ url: config.url });
      return new SelfCheckingExporter(inner, config.url);
    }
  }
}
