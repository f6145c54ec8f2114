/**
 * The fields `@ecotrace/logger` and its HTTP middleware write. The index template maps exactly
 * these (plus dynamic templates for everything else); `EcsLogRecord` types them. All are ECS
 * fields except the few in {@link LOGGER_CUSTOM_FIELDS}. A test checks that, and that this list
 * and `EcsLogRecord` agree.
 *
 * @example
 * LOGGER_FIELDS.includes('trace.id'); // true
 */
export const LOGGER_FIELDS = [
  // base and logging spec
  '@timestamp',
  'log.level',
  'message',
  'ecs.version',
  'log.logger',
  'labels',
  'tags',
  // service identity and host (static per logger)
  'service.name',
  'service.version',
  'service.environment',
  'service.node.name',
  'service.namespace',
  'host.hostname',
  'process.pid',
  // event
  'event.dataset',
  'event.kind',
  'event.category',
  'event.type',
  'event.outcome',
  'event.duration',
  'event.reason',
  // trace correlation
  'trace.id',
  'span.id',
  'transaction.id',
  // errors
  'error.type',
  'error.message',
  'error.stack_trace',
  'error.code',
  'error.id',
  // HTTP middleware
  'http.request.id',
  'http.request.method',
  'http.request.body.bytes',
  'http.request.referrer',
  'http.response.status_code',
  'http.response.body.bytes',
  'http.version',
  'http.route',
  'url.path',
  'url.query',
  'url.full',
  'url.original',
  'url.scheme',
  'url.domain',
  'url.port',
  'user_agent.original',
  'client.ip',
  'client.address',
] as const;

/** One of `LOGGER_FIELDS`. */
export type LoggerField = (typeof LOGGER_FIELDS)[number];

/**
 * The fields in `LOGGER_FIELDS` that ECS 9.4 does not define, with the Elasticsearch type the
 * index template gives them (keywords get the template's `ignoreAbove`). Both come from OTel's
 * semantic conventions: `http.route` (the matched route template, e.g. `/orders/:id`, on access
 * lines) and `service.namespace` (from `OTEL_RESOURCE_ATTRIBUTES`). Mapped explicitly so they
 * are aggregatable keywords in every index from the first line, like their ECS neighbours.
 *
 * @example
 * LOGGER_CUSTOM_FIELDS['http.route']; // 'keyword'
 */
export const LOGGER_CUSTOM_FIELDS: Readonly<Partial<Record<LoggerField, 'keyword'>>> =
  Object.freeze({
    'http.route': 'keyword',
    'service.namespace': 'keyword',
  });

/**
 * Where the logger moves caller values that would contradict ECS mappings (a string at
 * `http`, an object at `trace.id`), so the line is still accepted; mapped as `flattened`.
 *
 * @example
 * DISPLACED_FIELD; // 'ecotrace.displaced'
 */
export const DISPLACED_FIELD = 'ecotrace.displaced';
