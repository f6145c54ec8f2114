// The nodenext ESM side of consumer.ts: the same imports resolved through the "import"
// conditions (the .d.ts files), typechecked, never run.
import { extractTraceContext } from '@ecotrace/core';
import { validateLine } from '@ecotrace/ecs-schema';
import { createLogger } from '@ecotrace/logger';
import { ecsLogging } from '@ecotrace/logger/express';
import { ecsLogging as fastifyEcsLogging } from '@ecotrace/logger/fastify';
import { startTracing } from '@ecotrace/tracing';
import '@ecotrace/tracing/register';
import express from 'express';
import Fastify from 'fastify';

const tracing = startTracing({ serviceName: 'consumer', exporter: 'none' });
const log = createLogger({ service: { name: 'consumer' } });
const app = express();
app.use(ecsLogging({ logger: log }));
app.get('/', (req, res) => {
  req.log.info('typed');
  res.send('ok');
});
const fastify = Fastify();
await fastify.register(fastifyEcsLogging());
log.info({ valid: extractTraceContext({}).valid, errors: validateLine('{}').length });
await tracing.shutdown();
