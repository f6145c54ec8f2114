import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isHealthPath } from '@ecotrace/core';
import { Gauge, Histogram } from 'prom-client';
import { requestExemplar } from './exemplar.js';
import type { ExemplarLabels, RequestRecord, RouteOf } from './internal-types.js';
import { methodLabel, RouteLabels, statusLabel } from './labels.js';
import type { ResolvedOptions } from './options.js';
import { serverSpanContext } from './otel-api.js';
import type { OpenMetricsRegistry } from './types.js';
import { warnOnce } from './warn-once.js';

/** Name of the request-duration histogram (OTel semconv `http.server.request.duration`, seconds). */
export const DURATION_METRIC = 'http_server_request_duration_seconds';
/** Name of the in-flight gauge (OTel semconv `http.server.active_requests`). */
export const ACTIVE_METRIC = 'http_server_active_requests';

/**
 * How often one bucket of one series takes a new exemplar, at most. prom-client keeps one per
 * bucket and Prometheus sees one per scrape (every 1 s at the very least), so refreshing more
 * often only costs: the exemplar update and the header parse behind it were half of what the
 * metrics cost a request (bench/, metrics-overhead). Within a second, the first request of a
 * bucket is its exemplar; a rarely hit (slow) bucket's exemplar is still its latest request.
 */
export const EXEMPLAR_REFRESH_MS = 1000;

interface RecordWithRecorder extends RequestRecord {
  recorder: Recorder;
}

// Requests in flight by their response, until it closes; not a property on the response, whose
// reads and writes are dear on Express (its objects get the app's prototypes at run time).
const records = new WeakMap<ServerResponse, RecordWithRecorder>();

/** Records requests into the RED metrics of one registry. */
export class Recorder {
  private readonly duration: Histogram<string>;
  // In-flight requests by method, read by the gauge at scrape time: two Map updates per request
  // instead of two label-hashing prom-client calls.
  private readonly inFlight = new Map<string, number>();
  private readonly routes: RouteLabels;
  private readonly buckets: readonly number[];
  // Last exemplar time per series and bucket: method → route → status → per-bucket times.
  // Nested maps of short keys: a joined string key measured ~300 ns more per request.
  private readonly exemplarAt = new Map<string, Map<string, Map<string, Float64Array>>>();

  constructor(
    registry: OpenMetricsRegistry,
    private readonly options: ResolvedOptions,
  ) {
    this.buckets = options.buckets;
    this.duration = new Histogram({
      name: DURATION_METRIC,
      help: 'Duration of HTTP server requests, in seconds.',
      labelNames: ['http_request_method', 'http_route', 'http_response_status_code'],
      buckets: options.buckets,
      enableExemplars: options.exemplars !== 'never',
      registers: [registry],
    });
    const inFlight = this.inFlight;
    new Gauge({
      name: ACTIVE_METRIC,
      help: 'Number of HTTP server requests in flight.',
      labelNames: ['http_request_method'],
      registers: [registry],
      collect() {
        for (const [method, count] of inFlight) this.set({ http_request_method: method }, count);
      },
    });
    this.routes = new RouteLabels(options.maxRoutes);
  }

  /**
   * Starts measuring one request; recorded when `res` closes. Health paths and the metrics path
   * are skipped (core's `isHealthPath`); a response already tracked is left alone.
   */
  begin(
    req: IncomingMessage,
    res: ServerResponse,
    url: string | undefined,
    routeOf: RouteOf | undefined,
    framework: unknown,
  ): void {
    if (records.has(res) || isHealthPath(url, this.options.healthPaths)) return;
    const method = methodLabel(req.method);
    records.set(res, {
      startMs: performance.now(),
      method,
      req,
      framework,
      routeOf,
      // The span must be read now, in the request's context; headers can wait for the end.
      span: this.options.exemplars === 'never' ? undefined : serverSpanContext(),
      recorder: this,
    });
    this.inFlight.set(method, (this.inFlight.get(method) ?? 0) + 1);
    res.on('close', onClose);
  }

  finish(record: RequestRecord, res: ServerResponse): void {
    const seconds = (performance.now() - record.startMs) / 1000;
    this.inFlight.set(record.method, (this.inFlight.get(record.method) ?? 1) - 1);
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
    // writableEnded (end() was called) rather than writableFinished, a getter reading three
    // more properties: each read of an Express response is dear (it misses V8's caches).
    const status = statusLabel(res.statusCode, res.writableEnded);
    const labels = {
      http_request_method: record.method,
      http_route: route,
      http_response_status_code: status,
    };
    if (this.options.exemplars === 'never') {
      this.duration.observe(labels, seconds);
      return;
    }
    const exemplar = this.dueExemplar(record, route, status, seconds);
    if (exemplar === undefined) this.duration.observe({ labels, value: seconds } as never);
    else this.duration.observe({ labels, value: seconds, exemplarLabels: exemplar } as never);
  }

  /** The request's exemplar when its bucket is due for a new one, else undefined. */
  private dueExemplar(
    record: RequestRecord,
    route: string,
    status: string,
    seconds: number,
  ): ExemplarLabels | undefined {
    const buckets = this.buckets;
    let bucket = 0;
    while (bucket < buckets.length && seconds > (buckets[bucket] as number)) bucket++;
    const times = this.exemplarTimes(record.method, route, status);
    const now = Date.now();
    if (now - (times[bucket] as number) < EXEMPLAR_REFRESH_MS) return undefined;
    const exemplar = requestExemplar(record.span, record.req.headers, this.options.exemplars);
    // Only a written exemplar starts the wait: an unsampled request leaves the slot to the next.
    if (exemplar !== undefined) times[bucket] = now;
    return exemplar;
  }

  private exemplarTimes(method: string, route: string, status: string): Float64Array {
    let byRoute = this.exemplarAt.get(method);
    if (byRoute === undefined) {
      byRoute = new Map();
      this.exemplarAt.set(method, byRoute);
    }
    let byStatus = byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    let times = byStatus.get(status);
    if (times === undefined) {
      // One slot per bucket and one for +Inf; -Infinity = never, so the first request is due.
      times = new Float64Array(this.buckets.length + 1).fill(-Infinity);
      byStatus.set(status, times);
    }
    return times;
  }
}

// One listener shared by every response: the record is found by the response, not in a closure.
function onClose(this: ServerResponse): void {
  const record = records.get(this);
  if (record === undefined) return;
  records.delete(this);
  try {
    record.recorder.finish(record, this);
  } catch (error) {
    warnOnce('ECOTRACE_METRICS_RECORD', 'recording a request failed', error);
  }
}
