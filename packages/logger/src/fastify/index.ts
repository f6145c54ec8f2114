// @ecotrace/logger/fastify: request-scoped ECS logging for Fastify 4 and 5.
export { type EcsLoggingOptions, ecsLogging } from './ecs-logging.js';
export {
  type FastifyLoggerOptionsConfig,
  type FastifyV4LoggerOptions,
  type FastifyV5LoggerOptions,
  fastifyLoggerOptions,
} from './logger-options.js';
export { ecotraceChildLogger, ecotraceGenReqId } from './request-log.js';
