import type { EcsFieldType } from './generated/ecs-fields.js';

export type { EcsFieldType };

/** What `ecsPathKind()` says about a dotted path. */
export type EcsPathKind = 'field' | 'parent';

/** Facts about one ECS field, as `ecsField()` returns them. Frozen. */
export interface EcsFieldInfo {
  /** Full dotted name, e.g. `http.response.status_code`. */
  name: string;
  type: EcsFieldType;
  /** ECS `normalize: [array]`: the value is expected to be an array (a single value is accepted). */
  array: boolean;
  /** ECS `allowed_values` names (only `event.kind/category/type/outcome` and `*.entity.type`). */
  allowedValues?: readonly string[];
  /** A regular expression the value must match (e.g. `*.mac`). */
  pattern?: string;
  /** Type of every leaf under an `object` field (`labels`, `container.labels`: `keyword`). */
  objectType?: string;
  /** Elasticsearch `ignore_above` (1024 on most keywords). */
  ignoreAbove?: number;
  /** Multi-fields Elasticsearch derives (e.g. `error.stack_trace.text`); never sent. */
  multiFields?: readonly { name: string; type: string }[];
  /** `scaling_factor` of a `scaled_float`. */
  scalingFactor?: number;
  /** `false` when ECS maps the field with `index: false` (e.g. `event.original`). */
  indexed?: boolean;
}

/** Log levels our logger writes in `log.level`. */
export type EcsLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * One log line as `@ecotrace/logger` writes it: ECS fields as dotted top-level keys (the
 * ECS logging spec's recommended form), the ones we write typed precisely, the rest open.
 */
export interface EcsLogRecord {
  '@timestamp': string;
  'log.level': EcsLogLevel | (string & {});
  message?: string;
  'ecs.version': string;
  'log.logger'?: string;
  'service.name'?: string;
  'service.version'?: string;
  'service.environment'?: string;
  'service.node.name'?: string;
  /** Not ECS (OTel semantic conventions); see LOGGER_CUSTOM_FIELDS. */
  'service.namespace'?: string;
  'host.hostname'?: string;
  'process.pid'?: number;
  'event.dataset'?: string;
  'event.kind'?:
    | 'alert'
    | 'asset'
    | 'enrichment'
    | 'event'
    | 'metric'
    | 'state'
    | 'pipeline_error'
    | 'signal';
  'event.category'?: string[];
  'event.type'?: string[];
  'event.outcome'?: 'failure' | 'success' | 'unknown';
  /** Nanoseconds. */
  'event.duration'?: number;
  /** Why the event happened; the access line of an aborted request says so here. */
  'event.reason'?: string;
  'trace.id'?: string;
  'span.id'?: string;
  'transaction.id'?: string;
  'http.request.id'?: string;
  'http.request.method'?: string;
  'http.request.body.bytes'?: number;
  'http.request.referrer'?: string;
  'http.response.status_code'?: number;
  'http.response.body.bytes'?: number;
  'http.version'?: string;
  /** Not ECS (OTel semantic conventions): the matched route template, e.g. `/orders/:id`. */
  'http.route'?: string;
  'url.path'?: string;
  'url.query'?: string;
  'url.full'?: string;
  'url.original'?: string;
  'url.scheme'?: string;
  'url.domain'?: string;
  'url.port'?: number;
  'user_agent.original'?: string;
  'client.ip'?: string;
  'client.address'?: string;
  'error.type'?: string;
  'error.message'?: string;
  'error.stack_trace'?: string;
  'error.code'?: string;
  'error.id'?: string;
  labels?: Record<string, string>;
  tags?: string[];
  [key: string]: unknown;
}

/** How bad a problem is: errors fail validation, warnings do not. */
export type ProblemSeverity = 'error' | 'warning';
