import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Gauge, Histogram } from 'prom-client';
import { requestExemplar } from './exemplar.js';
import type { RequestRecord, RouteOf } from './internal-types.js';
import { methodLabel, RouteLabels, statusLabel } from './labels.js';
import type { ResolvedOptions } from './options.js';
import type { OpenMetricsRegistry } from './types.js';
import { warnOnce } from './warn-once.js';

/** Name of the request-duration histogram (OTel semconv `http.server.request.duration`, seconds). */
export const DURATION_METRIC = 'http_server_request_duration_seconds';
/** Name of the in-flight gauge (OTel semconv `http.server.active_requests`). */
export const ACTIVE_METRIC = 'http_server_active_requests';

const kRecord = Symbol('ecotrace.metrics.request');
type Tracked = ServerResponse & { [kRecord]?: RecordWithRecorder | undefined };
interface RecordWithRecorder extends RequestRecord {
  recorder: Recorder;
}

/** Records requests into the RED metrics of one registry. */
export class Recorder {
  private readonly duration: Histogram<string>;
  private readonly active: Gauge<string>;
  private readonly activeByMethod = new Map<string, { inc(): void; dec(): void }>();
  private readonly routes: RouteLabels;

  constructor(
    registry: OpenMetricsRegistry,
    private readonly options: ResolvedOptions,
  ) {
    this.duration = new Histogram({
      name: DURATION_METRIC,
      help: 'Duration of HTTP server requests, in seconds.',
      labelNames: ['http_request_method', 'http_route', 'http_response_status_code'],
      buckets: options.buckets,
      enableExemplars: options.exemplars !== 'never',
      registers: [registry],
    });
    this.active = new Gauge({
      name: ACTIVE_METRIC,
      help: 'Number of HTTP server requests in flight.',
      labelNames: ['http_request_method'],
      registers: [registry],
    });
    this.routes = new RouteLabels(options.maxRoutes);
  }

  /**
   * Starts measuring one request (path already cut by the caller); recorded when `res` closes.
   * Health paths and the metrics path are skipped; a response already tracked is left alone.
   */
  begin(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    routeOf: RouteOf | undefined,
    framework: unknown,
  ): void {
    const tracked = res as Tracked;
    if (tracked[kRecord] !== undefined || this.options.healthPaths.includes(path)) return;
    const method = methodLabel(req.method);
    tracked[kRecord] = {
      startMs: performance.now(),
      method,
      req,
      framework,
      routeOf,
      exemplar: requestExemplar(req.headers, this.options.exemplars),
      recorder: this,
    };
    this.activeFor(method).inc();
    res.once('close', onClose);
  }

  private activeFor(method: string): { inc(): void; dec(): void } {
    let child = this.activeByMethod.get(method);
    if (child === undefined) {
      child = this.active.labels({ http_request_method: method });
      this.activeByMethod.set(method, child);
    }
    return child;
  }

  finish(record: RequestRecord, res: ServerResponse): void {
    const seconds = (performance.now() - record.startMs) / 1000;
    this.activeFor(record.method).dec();
    let template: string | undefined;
    try {
      template = record.routeOf?.(record.req, record.framework);
    } catch {
      template = undefined;
    }
    const route = this.routes.label(template);
    if (this.routes.overflowed) {
      warnOnce(
        'ECOTRACE_METRICS_MAX_ROUTES',
        `more than ${this.options.maxRoutes} distinct routes (option maxRoutes); new ones are counted as http_route="other"`,
      );
    }
    const labels = {
      http_request_method: record.method,
      http_route: route,
      http_response_status_code: statusLabel(res.statusCode, res.writableFinished),
    };
    if (this.options.exemplars === 'never') this.duration.observe(labels, seconds);
    else if (record.exemplar === undefined) {
      this.duration.observe({ labels, value: seconds } as never);
    } else {
      this.duration.observe({ labels, value: seconds, exemplarLabels: record.exemplar } as never);
    }
  }
}

// One listener shared by every response: the record lives on the response, not in a closure.
function onClose(this: ServerResponse): void {
  const record = (this as Tracked)[kRecord];
  if (record === undefined) return;
  try {
    record.recorder.finish(record, this);
  } catch (error) {
    warnOnce('ECOTRACE_METRICS_RECORD', 'recording a request failed', error);
  }
}
