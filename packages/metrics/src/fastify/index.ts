// @ecotrace/metrics/fastify: RED metrics with trace exemplars for Fastify 4 and 5.
export { type EcsMetricsOptions, type EcsMetricsPlugin, ecsMetrics } from './ecs-metrics.js';
