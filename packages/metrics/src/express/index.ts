// @ecotrace/metrics/express: RED metrics with trace exemplars for Express 4 and 5.
export {
  type EcsMetricsMiddleware,
  type EcsMetricsOptions,
  ecsMetrics,
} from './ecs-metrics.js';
