// Typechecked, never run: what a TypeScript app writes against the published types. The same
// file is checked with "module": "commonjs" (node10 resolution), "nodenext" (as CommonJS,
// this package has no "type": "module") and "bundler"; consumer.mts is the nodenext ESM side.
import { extractTraceContext } from '@ecotrace/core';
import { validateLine } from '@ecotrace/ecs-schema';
import { createLogger, getLogger } from '@ecotrace/logger';
import { ecsErrorLogging, ecsLogging } from '@ecotrace/logger/express';
import { ecsLogging as fastifyEcsLogging } from '@ecotrace/logger/fastify';
import { startTracing } from '@ecotrace/tracing';
import '@ecotrace/tracing/register';
import express from 'express';
import Fastify from 'fastify';

const tracing = startTracing({ serviceName: 'consumer', exporter: 'none' });
const log = createLogger({ service: { name: 'consumer', version: '1.0.0' } });

const app = express();
app.use(ecsLogging({ logger: log }));
app.get('/orders/:id', (req, res) => {
  // req.log comes from @ecotrace/logger/express's augmentation of http.IncomingMessage.
  req.log.info({ order: { id: req.params.id } }, 'order loaded');
  res.json({ id: req.params.id });
});
app.use(ecsErrorLogging());

const fastify = Fastify();
void fastify.register(fastifyEcsLogging());
fastify.get('/healthz', async (request) => {
  request.log.info('probe');
  return 'ok';
});

const ctx = extractTraceContext({
  'x-b3-traceid': '463ac35c9f6413ad',
  'x-b3-spanid': 'a2fb4a1d1a96d312',
});
const traceId: string | null = ctx.traceId;
const report = validateLine('{}');
getLogger().info({ trace: traceId, problems: report.length }, 'checked');
void tracing.shutdown();
