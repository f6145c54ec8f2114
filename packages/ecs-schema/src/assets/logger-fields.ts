/**
 * The ECS fields `@ecotrace/logger` and its HTTP middleware write. The index template maps
 * exactly these (plus dynamic templates for everything else); `EcsLogRecord` types them.
 * A test checks that each is an ECS field and that the two lists agree.
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
  'host.hostname',
  'process.pid',
  // event
  'event.dataset',
  'event.kind',
  'event.category',
  'event.type',
  'event.outcome',
  'event.duration',
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
 * Where the logger moves caller values that would contradict ECS mappings (a string at
 * `http`, an object at `trace.id`), so the line is still accepted; mapped as `flattened`.
 *
 * @example
 * DISPLACED_FIELD; // 'ecotrace.displaced'
 */
export const DISPLACED_FIELD = 'ecotrace.displaced';
