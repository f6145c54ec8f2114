// The work each logger-throughput shape does, written once so every variant logs the same thing.
// Frameworks that take arguments in another order (winston) adapt here, not in the loop.
//
// Shapes vary what a lead could hide behind (issue 18): how the error is passed (first argument
// or `{ err }` among fields), ECS field names or custom ones, 3 or 12 fields, nested objects, a
// child's bindings, and an active span.

/** "message + 3 small fields": the line every service writes most. */
export const FIELDS = Object.freeze({ orderId: 48213, customer: 'ada', cached: true });
export const MESSAGE = 'order placed';
/** Bindings of the child-logger shape. */
export const BINDINGS = Object.freeze({ component: 'billing', tenant: 'acme' });

/** 12 custom (non-ECS) fields of mixed types. */
export const FIELDS_12 = Object.freeze({
  orderId: 48213,
  customer: 'ada',
  cached: true,
  items: 3,
  total: 129.95,
  currency: 'EUR',
  coupon: 'WINTER24',
  channel: 'web',
  region: 'eu-west-1',
  attempt: 1,
  latencyMs: 42.5,
  giftWrap: false,
});

/** 3 fields under ECS names (dotted, as ECS documents them). */
export const ECS_3 = Object.freeze({
  'user.id': 'u-48213',
  'event.action': 'order-placed',
  'http.response.status_code': 201,
});

/** 12 fields under ECS names. */
export const ECS_12 = Object.freeze({
  'user.id': 'u-48213',
  'user.name': 'ada',
  'event.action': 'order-placed',
  'event.outcome': 'success',
  'event.duration': 4_200_000,
  'http.request.method': 'POST',
  'http.response.status_code': 201,
  'url.path': '/orders',
  'client.ip': '10.0.0.7',
  'destination.port': 443,
  'network.protocol': 'http',
  'user_agent.original': 'curl/8.5.0',
});

/** Custom nested objects, an array of objects among them. */
export const NESTED = Object.freeze({
  order: {
    id: 48213,
    total: 129.95,
    items: [
      { sku: 'A-1', qty: 1 },
      { sku: 'B-2', qty: 2 },
    ],
    shipping: { country: 'DE', express: false },
  },
  customer: { id: 'ada', tier: 'gold' },
});

/** ECS fields spelled as nested objects. */
export const NESTED_ECS = Object.freeze({
  user: { id: 'u-48213', name: 'ada' },
  http: { request: { method: 'POST' }, response: { status_code: 201 } },
  event: { action: 'order-placed', outcome: 'success' },
});

/** One Error with a cause-free stack, created once: the shape measures logging it, not new Error(). */
export function makeError() {
  const error = new Error('card declined by issuer');
  error.code = 'E_CARD_DECLINED';
  return error;
}

/**
 * Every shape: `span` shapes run inside an active OTel span (a real SDK tracer provider).
 * `call(log)` returns the function the loop runs, for a pino-style logger (`log.info(obj, msg)`).
 */
export const SHAPES = {
  'fields-3': { call: (log) => () => log.info(FIELDS, MESSAGE) },
  'fields-3-ecs': { call: (log) => () => log.info(ECS_3, MESSAGE) },
  'fields-12': { call: (log) => () => log.info(FIELDS_12, MESSAGE) },
  'fields-12-ecs': { call: (log) => () => log.info(ECS_12, MESSAGE) },
  nested: { call: (log) => () => log.info(NESTED, MESSAGE) },
  'nested-ecs': { call: (log) => () => log.info(NESTED_ECS, MESSAGE) },
  child: {
    call: (log) => {
      const child = log.child(BINDINGS);
      return () => child.info(FIELDS, MESSAGE);
    },
  },
  // pino's and bunyan's idiom: the Error first; each logger files it under its error key.
  error: {
    error: true,
    call: (log) => {
      const error = makeError();
      return () => log.error(error, 'payment failed');
    },
  },
  // The Error among fields, as `{ err }`: the form most services end up with.
  'err-fields': {
    error: true,
    call: (log) => {
      const err = makeError();
      return () => log.error({ err, ...FIELDS }, 'payment failed');
    },
  },
  'span-fields': { span: true, call: (log) => () => log.info(FIELDS, MESSAGE) },
  'span-error': {
    span: true,
    error: true,
    call: (log) => {
      const error = makeError();
      return () => log.error(error, 'payment failed');
    },
  },
};

/** Names of the shapes, in report order. */
export const SHAPE_NAMES = Object.keys(SHAPES);

/**
 * Returns the function called N times for a pino-style logger (`log.info(obj, msg)`).
 * @param {any} log  a pino or bunyan logger
 * @param {string} shape  one of SHAPE_NAMES
 */
export function pinoStyleCall(log, shape) {
  const entry = SHAPES[shape];
  if (!entry) throw new Error(`unknown shape ${shape}`);
  return entry.call(log);
}

/** The same calls in winston's argument order (`logger.info(msg, meta)`); fields-3 only. */
export function winstonStyleCall(log, shape) {
  if (shape !== 'fields-3') throw new Error(`winston runs only the fields-3 shape, not ${shape}`);
  return () => log.info(MESSAGE, FIELDS);
}
