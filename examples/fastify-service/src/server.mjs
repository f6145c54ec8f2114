// @ts-check
// `inventory`: a Fastify 5 service whose request.log is @ecotrace/logger's ECS logger.
// Start it the way a container does: node --import @ecotrace/tracing/register src/server.mjs

import { createLogger } from '@ecotrace/logger';
import { ecsLogging, fastifyLoggerOptions } from '@ecotrace/logger/fastify';
import { ecsMetrics } from '@ecotrace/metrics/fastify';
import Fastify, { LogController } from 'fastify';

const log = createLogger(); // service.name from OTEL_SERVICE_NAME (or package.json)
/** @type {Map<string, number>} */
const stock = new Map([
  ['tea', 40],
  ['coffee', 12],
  ['unobtainium', 0],
]);
let nextReservation = 1;

// Fastify's own logger becomes ours: request.log lines are ECS and carry the trace.
// The cast: @ecotrace/logger's option types do not match Fastify's generics yet
// (logController, childLoggerFactory); the values are right at run time.
const app = Fastify(/** @type {any} */ (fastifyLoggerOptions(log, { LogController })));
await app.register(ecsLogging());
await app.register(ecsMetrics()); // RED metrics on GET /metrics; exemplars carry the same trace ids

app.get('/healthz', async () => 'ok');

app.get('/stock/:sku', async (request) => {
  const { sku } = /** @type {{ sku: string }} */ (request.params);
  const { delay } = /** @type {{ delay?: string }} */ (request.query);
  if (delay) {
    // The demo's slow request: a stock check that waits on a (pretend) warehouse system.
    request.log.info({ warehouse: { delay_ms: Number(delay) } }, 'asking the warehouse');
    await new Promise((resolve) => setTimeout(resolve, Math.min(Number(delay) || 0, 5_000)));
  }
  const available = stock.get(sku) ?? 0;
  request.log.info({ stock: { sku, available } }, 'stock checked');
  return { sku, available };
});

app.post('/reservations', async (request, reply) => {
  const { sku, quantity = 1 } = /** @type {{ sku?: string, quantity?: number }} */ (
    request.body ?? {}
  );
  const available = stock.get(sku ?? '') ?? 0;
  if (!sku || available < quantity) {
    request.log.warn(
      { stock: { sku, available, requested: quantity } },
      'cannot reserve: out of stock',
    );
    return reply.code(409).send({ error: 'out of stock' });
  }
  stock.set(sku, available - quantity);
  const id = `r-${nextReservation++}`;
  request.log.info(
    { stock: { sku, reserved: quantity, left: available - quantity }, reservation: { id } },
    'reserved',
  );
  return reply.code(201).send({ id, sku, quantity });
});

// Fastify logs "Server listening at …" itself, through our logger.
await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '0.0.0.0' });

// Kubernetes sends SIGTERM: finish in-flight requests, then exit.
process.on('SIGTERM', () => {
  log.info('shutting down');
  app.close();
});
