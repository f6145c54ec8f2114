import type { IncomingMessage } from 'node:http';
import type { SpanContextLike } from './otel-api.js';

/** The exemplar labels of one observation. */
export interface ExemplarLabels {
  trace_id: string;
  span_id: string;
}

/** Returns the route template of a finished request, or undefined when none matched. */
export type RouteOf = (req: IncomingMessage, framework: unknown) => string | undefined;

/** One request in flight, kept on its response until it closes. */
export interface RequestRecord {
  startMs: number;
  method: string;
  req: IncomingMessage;
  framework: unknown;
  routeOf: RouteOf | undefined;
  /** The OTel server span active when the request started, if any. */
  span: SpanContextLike | undefined;
}
