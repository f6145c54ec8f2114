import http, { type ClientRequest, Agent as HttpAgent } from 'node:http';
import https, { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import { warnOnce } from '@ecotrace/core';
import { SpanKind } from '@opentelemetry/api';
import { type ExportResult, hrTimeToMilliseconds } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ResolvedExporter } from './internal-types.js';

/**
 * Wraps an exporter so the first failed export (endpoint unreachable, refused, 4xx/5xx) gives one
 * warning naming the endpoint: otherwise spans vanish silently and the first sign is an empty Jaeger.
 */
export class SelfCheckingExporter implements SpanExporter {
  private readonly pending = new Set<(result: ExportResult) => void>();

  constructor(
    private readonly inner: SpanExporter,
    private readonly endpoint: string,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let done = false;
    const finish = (result: ExportResult): void => {
      if (done) return;
      done = true;
      this.pending.delete(finish);
      resultCallback(result);
    };
    this.pending.add(finish);
    this.inner.export(spans, (result) => {
      // ExportResultCode.FAILED === 1
      if (result.code !== 0 && !done) {
        warnOnce(
          'ECOTRACE_EXPORT_FAILED',
          `@ecotrace/tracing: exporting spans to ${this.endpoint} failed (${result.error?.message ?? 'unknown error'}); ` +
            'check OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_ZIPKIN_ENDPOINT. Further failures are not reported.',
        );
      }
      finish(result);
    });
  }

  /**
   * Gives up on the exports still waiting for the collector (called when a shutdown or exit
   * flush reaches its bound): the batch processor's own 30 s export timer, which holds the event
   * loop, is cleared at once instead of when the exporter times out.
   */
  abandon(): void {
    for (const finish of [...this.pending]) {
      finish({ code: 1, error: new Error('export abandoned: the shutdown bound was reached') });
    }
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * `console`: one JSON object per span, one line each, on stderr. Never stdout: that is the log
 * stream Fluent Bit parses as ECS, where OTel's ConsoleSpanExporter (multi-line `util.inspect`
 * dumps) gave hundreds of non-JSON lines per request. One line per span keeps any line-based
 * reader of stderr intact, and `jq` can read it.
 */
export class StderrJsonSpanExporter implements SpanExporter {
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let out = '';
    for (const span of spans) {
      try {
        out += `${JSON.stringify(spanLine(span))}\n`;
      } catch {
        // an attribute JSON cannot hold (BigInt cannot occur in OTel attributes; be safe)
      }
    }
    try {
      process.stderr.write(out);
      resultCallback({ code: 0 });
    } catch (error) {
      resultCallback({ code: 1, error: error as Error });
    }
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function spanLine(span: ReadableSpan): Record<string, unknown> {
  const c = span.spanContext();
  const line: Record<string, unknown> = {
    'otel.span': span.name,
    traceId: c.traceId,
    spanId: c.spanId,
  };
  if (span.parentSpanContext?.spanId) line.parentSpanId = span.parentSpanContext.spanId;
  line.kind = SpanKind[span.kind];
  line.start = new Date(hrTimeToMilliseconds(span.startTime)).toISOString();
  line.durationMs = hrTimeToMilliseconds(span.duration);
  line.status = span.status;
  line.attributes = span.attributes;
  if (span.events.length > 0)
    line.events = span.events.map((e) => ({
      name: e.name,
      time: new Date(hrTimeToMilliseconds(e.time)).toISOString(),
      attributes: e.attributes,
    }));
  if (span.links.length > 0) line.links = span.links.map((l) => l.context);
  line.service = span.resource.attributes['service.name'];
  line.scope = span.instrumentationScope.name;
  return line;
}

/**
 * OTLP's HTTP agents, with sockets that do not hold the event loop: a collector that accepts
 * but never answers must not keep a finished process alive until the exporter's own timeout.
 * Whoever needs to wait for an export (shutdown, the exit flushes) holds the loop with its own
 * bounded timer instead.
 */
function unrefAgentFactory(protocol: string): HttpAgent {
  const agent =
    protocol === 'https:'
      ? new HttpsAgent({ keepAlive: true })
      : new HttpAgent({ keepAlive: true });
  const create = agent.createConnection.bind(agent) as (...args: unknown[]) => Socket | undefined;
  (
    agent as unknown as { createConnection: (...args: unknown[]) => Socket | undefined }
  ).createConnection = (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: Error | null, socket?: Socket) => {
        socket?.unref();
        (last as (e: Error | null, s?: Socket) => void)(error, socket);
      };
    }
    const socket = create(...args);
    socket?.unref?.();
    return socket;
  };
  return agent;
}

type RequestFn = (...args: unknown[]) => ClientRequest;

/**
 * Zipkin's exporter sends with `http.request` on Node's global agent and no timeout: a collector
 * that never answers would hold the process forever. It creates its request synchronously inside
 * `export()`, so for that call only, `http.request`/`https.request` hand out requests whose
 * socket is unref'd (the same rule as the OTLP agents above).
 */
class UnrefSocketsExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const modules = [http, https] as unknown as { request: RequestFn }[];
    const originals = modules.map((m) => m.request);
    modules.forEach((m, i) => {
      const original = originals[i] as RequestFn;
      m.request = function unrefRequest(this: unknown, ...args: unknown[]) {
        const request = original.apply(this, args);
        request.once('socket', (socket) => socket.unref());
        return request;
      };
    });
    try {
      this.inner.export(spans, resultCallback);
    } finally {
      modules.forEach((m, i) => {
        m.request = originals[i] as RequestFn;
      });
    }
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
      return new StderrJsonSpanExporter();
    case 'zipkin':
      return new SelfCheckingExporter(
        new UnrefSocketsExporter(new ZipkinExporter({ url: config.url })),
        config.url,
      );
    case 'otlp': {
      const inner =
        config.protocol === 'http/json'
          ? new OtlpJsonExporter({ url: config.url, httpAgentOptions: unrefAgentFactory })
          : new OtlpProtoExporter({ url: config.url, httpAgentOptions: unrefAgentFactory });
      return new SelfCheckingExporter(inner, config.url);
    }
  }
}
