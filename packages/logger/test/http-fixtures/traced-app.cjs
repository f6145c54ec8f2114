// Tracing mode, as a real service runs it: the OTel NodeSDK (B3 + W3C propagation,
// instrumentation-http, instrumentation-express) starts before the framework is loaded, then an
// app using the built @ecotrace/logger/express or /fastify entry (CJS) listens on 127.0.0.1:0.
// stdout: ECS lines only. stderr: one "SPAN {json}" line per ended span, for the test to match.
// argv[2]: express5 | express4 | fastify5 | fastify4
'use strict';
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');

const exporter = {
  export(spans, done) {
    for (const s of spans) {
      const ctx = s.spanContext();
      const line = {
        traceId: ctx.traceId,
        spanId: ctx.spanId,
        parentSpanId: s.parentSpanContext?.spanId,
        kind: s.kind,
        name: s.name,
      };
      process.stderr.write(`SPAN ${JSON.stringify(line)}\n`);
    }
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
};
const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
  instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()],
});
sdk.start();

const { setTimeout: sleep } = require('node:timers/promises');
const { createLogger, getLogger } = require('@ecotrace/logger');
const logger = createLogger({ service: { name: 'traced-app' } });
const framework = process.argv[2];

async function deepWork() {
  await sleep(Math.floor(Math.random() * 5));
  getLogger().info('deep work');
}

function ready(port) {
  logger.info({ 'url.port': port }, 'listening');
}

if (framework.startsWith('express')) {
  const express = require(framework === 'express4' ? 'express4' : 'express');
  const { ecsErrorLogging, ecsLogging } = require('@ecotrace/logger/express');
  const app = express();
  app.use(ecsLogging({ logger }));
  app.get('/ok', async (req, res, next) => {
    try {
      req.log.info('handler start');
      await deepWork();
      res.json({ ok: true });
    } catch (err) {
      next(err);
    }
  });
  app.get('/fail', () => {
    throw new Error('traced boom');
  });
  app.use(ecsErrorLogging());
  const server = app.listen(0, '127.0.0.1', () => ready(server.address().port));
} else {
  const Fastify = require(framework === 'fastify4' ? 'fastify4' : 'fastify');
  const { ecsLogging, fastifyLoggerOptions } = require('@ecotrace/logger/fastify');
  const app = Fastify(
    fastifyLoggerOptions(
      logger,
      framework === 'fastify4' ? { fastifyVersion: 4 } : { LogController: Fastify.LogController },
    ),
  );
  app.register(ecsLogging());
  app.get('/ok', async (request) => {
    request.log.info('handler start');
    await deepWork();
    return { ok: true };
  });
  app.get('/fail', async () => {
    throw new Error('traced boom');
  });
  app.listen({ port: 0, host: '127.0.0.1' }).then(() => ready(app.server.address().port));
}

process.on('SIGTERM', () => {
  sdk.shutdown().finally(() => process.exit(0));
});
