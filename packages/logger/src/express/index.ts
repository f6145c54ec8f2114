// @ecotrace/logger/express: request-scoped ECS logging for Express 4 and 5.

export { type EcsLoggingOptions, ecsLogging, type RequestWithLog } from './ecs-logging.js';
export { ecsErrorLogging } from './error-logging.js';
