// The work each logger-throughput case does, written once so every variant logs the same thing.
// Frameworks that take arguments in another order (winston) adapt here, not in the loop.

/** "message + 3 small fields": the line every service writes most. */
export const FIELDS = Object.freeze({ orderId: 48213, customer: 'ada', cached: true });
export const MESSAGE = 'order placed';
/** Bindings of the child-logger case. */
export const BINDINGS = Object.freeze({ component: 'billing', tenant: 'acme' });

/** One Error with a cause-free stack, created once: the case measures logging it, not new Error(). */
export function makeError() {
  const error = new Error('card declined by issuer');
  error.code = 'E_CARD_DECLINED';
  return error;
}

/** Names of the cases the logger-throughput scenario runs. */
export const CASES = ['fields', 'child', 'error', 'span'];

/**
 * Returns the function called N times for a pino-style logger (`log.info(obj, msg)`).
 * @param {any} log  a pino or bunyan logger
 * @param {string} caseName  one of CASES
 */
export function pinoStyleCall(log, caseName) {
  if (caseName === 'child') {
    const child = log.child(BINDINGS);
    return () => child.info(FIELDS, MESSAGE);
  }
  if (caseName === 'error') {
    const error = makeError();
    // pino's and bunyan's idiom: the Error first; each logger files it under its error key.
    return () => log.error(error, 'payment failed');
  }
  return () => log.info(FIELDS, MESSAGE);
}

/** The same calls in winston's argument order (`logger.info(msg, meta)`). */
export function winstonStyleCall(log, caseName) {
  if (caseName === 'child') {
    const child = log.child(BINDINGS);
    return () => child.info(MESSAGE, FIELDS);
  }
  if (caseName === 'error') {
    const error = makeError();
    return () => log.error('payment failed', { err: error });
  }
  return () => log.info(MESSAGE, FIELDS);
}
