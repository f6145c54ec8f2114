// The same app in CommonJS (logger + metrics; tracing comes in with --require): `require` from the installed @ecotrace packages, Express or
// Fastify chosen by FRAMEWORK. Prints `listening <port>` on stderr; its stdout is the log.
const { createLogger, getLogger } = require('@ecotrace/logger');

const log = createLogger({ service: { name: 'consumer-cjs', version: '1.0.0' } });
const framework = process.env.FRAMEWORK;

async function start() {
  if (framework === 'express') {
    const express = require('express');
    const { ecsErrorLogging, ecsLogging } = require('@ecotrace/logger/express');
    const { ecsMetrics } = require('@ecotrace/metrics/express');
    const app = express();
    app.use(ecsLogging({ logger: log }), ecsMetrics());
    app.get('/orders/:id', (req, res) => {
      req.log.info({ order: { id: req.params.id } }, 'order loaded');
      res.json({ id: req.params.id });
    });
    app.use(ecsErrorLogging());
    return new Promise((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
  }
  if (framework === 'fastify') {
    const Fastify = require('fastify');
    const { LogController } = Fastify;
    const { ecsLogging, fastifyLoggerOptions } = require('@ecotrace/logger/fastify');
    const { ecsMetrics } = require('@ecotrace/metrics/fastify');
    const app = Fastify(fastifyLoggerOptions(log, { LogController }));
    await app.register(ecsLogging());
    await app.register(ecsMetrics());
    app.get('/orders/:id', async (request) => {
      getLogger().info({ order: { id: request.params.id } }, 'order loaded');
      return { id: request.params.id };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  }
  throw new Error(`FRAMEWORK must be express or fastify, got ${framework}`);
}

start().then(
  (port) => process.stderr.write(`listening ${port}\n`),
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
