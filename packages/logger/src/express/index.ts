// @ecotrace/logger/express: request-scoped ECS logging for Express 4 and 5.
import type { Logger } from 'pino';

export { type EcsLoggingOptions, ecsLogging, type RequestWithLog } from './ecs-logging.js';
export { ecsErrorLogging } from './error-logging.js';

declare module 'http' {
  interface IncomingMessage {
    /**
     * The request's logger, set by `ecsLogging()` from `@ecotrace/logger/express` (the same
     * declaration pino-http makes, so both can be installed).
     */
    log: Logger;
  }
}
