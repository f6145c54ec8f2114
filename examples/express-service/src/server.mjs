// @ts-check
// `orders`: an Express 5 service that logs ECS with @ecotrace/logger and calls `inventory`.
// Start it the way a container does: node --import @ecotrace/tracing/register src/server.mjs
// (tracing starts before Express is imported, so the http/express instrumentation applies).

import { createLogger, getLogger } from '@ecotrace/logger';
import { ecsErrorLogging, ecsLogging } from '@ecotrace/logger/express';
import { ecsMetrics } from '@ecotrace/metrics/express';
import express from 'express';

const log = createLogger(); // service.name from OTEL_SERVICE_NAME (or package.json)
const inventoryUrl = process.env.INVENTORY_URL ?? 'http://127.0.0.1:3001';

/**
 * Calls inventory. fetch is instrumented by @ecotrace/tracing: the B3 headers Envoy reads,
 * traceparent and x-request-id go along, so inventory's lines join this request's trace.
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function inventory(path, init) {
  const res = await fetch(new URL(path, inventoryUrl), {
    ...init,
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, body: await res.json() };
}

const app = express();
app.use(ecsLogging({ logger: log })); // first: every later line carries the request's ids
app.use(ecsMetrics()); // RED metrics on GET /metrics; exemplars carry the same trace ids
app.use(express.json());

app.get('/healthz', (_req, res) => {
  res.send('ok'); // health probes are not access-logged
});

app.get('/orders/:id', async (req, res) => {
  const { id } = req.params;
  if (id === 'missing') {
    getLogger().warn({ order: { id } }, 'order not found');
    res.status(404).json({ error: 'order not found' });
    return;
  }
  getLogger().info({ order: { id } }, 'loading order');
  const sku = Number(id) % 2 === 0 ? 'coffee' : 'tea';
  const delay = req.query.slow ? '?delay=600' : '';
  const stock = await inventory(`/stock/${sku}${delay}`);
  getLogger().info({ order: { id, sku }, stock: stock.body }, 'order loaded');
  res.json({ id, sku, available: stock.body.available });
});

app.post('/orders', async (req, res) => {
  const { sku, quantity } = req.body ?? {};
  getLogger().info({ order: { sku, quantity } }, 'placing order');
  const reservation = await inventory('/reservations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku, quantity }),
  });
  if (reservation.status === 409) {
    getLogger().warn({ order: { sku, quantity } }, 'out of stock');
    res.status(409).json({ error: 'out of stock' });
    return;
  }
  getLogger().info({ order: { sku, quantity, reservation: reservation.body.id } }, 'order placed');
  res.status(201).json({ sku, quantity, reservation: reservation.body.id });
});

app.get('/orders/:id/invoice', () => {
  // A bug: Express 5 routes the throw to the error middleware below.
  throw new Error('invoice service is not configured');
});

app.use(ecsErrorLogging()); // logs the error once, with error.* and the request's ids
/**
 * The app's own error answer (Express's default one would print the stack to stderr, outside
 * the ECS stream). Four parameters: that is how Express tells an error handler apart.
 * @param {unknown} _err
 * @param {import('express').Request} _req
 * @param {import('express').Response} res
 * @param {import('express').NextFunction} _next
 */
function answerError(_err, _req, res, _next) {
  res.status(500).json({ error: 'internal error' });
}
app.use(answerError);

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : undefined;
  log.info({ 'server.address': process.env.HOST ?? '0.0.0.0', 'server.port': port }, 'listening');
});

// Kubernetes sends SIGTERM: stop accepting, let in-flight requests finish, then exit.
process.on('SIGTERM', () => {
  log.info('shutting down');
  server.close();
});
