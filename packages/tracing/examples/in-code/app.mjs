// The app, unaware of tracing: run with `node --import ./tracing.mjs app.mjs`. On SIGTERM
// tracing flushes its spans and exits 143 (the app has no SIGTERM listener of its own).
import { createLogger } from '@ecotrace/logger';
import { trace } from '@opentelemetry/api';
import express from 'express';

const log = createLogger();
const app = express();
app.get('/orders/:id', (req, res) => {
  log.info({ order: { id: req.params.id } }, 'order requested');
  const span = trace.getActiveSpan()?.spanContext();
  res.json({ traceId: span?.traceId, spanId: span?.spanId });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  log.info({ 'server.port': server.address().port }, 'listening');
});
