// The servers of the HTTP and tracing scenarios: one small JSON endpoint, bare or with a
// logging setup. Each peer is set up the way its docs show. Frameworks are loaded with
// require() so OTel's require hooks (started before this module runs) can instrument them.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { minimalAccessLog } from './minimal-access-log.mjs';
import { Unavailable } from './worker-io.mjs';

const require = createRequire(import.meta.url);

const service = {
  serviceName: 'checkout',
  serviceVersion: '1.4.2',
  serviceEnvironment: 'production',
  serviceNodeName: process.env.HOSTNAME,
};

/** The endpoint: what a small JSON API returns. */
const body = (id) => ({ id, status: 'placed', items: 3, total: 42.5 });

// Ours is imported as ESM, like the logger-throughput scenario (and most TypeScript apps); only
// the frameworks go through require() for the OTel hooks.
async function importOurs(subpath, name) {
  let mod;
  try {
    mod = await import(`@ecotrace/logger${subpath}`);
  } catch (error) {
    throw new Unavailable(`@ecotrace/logger${subpath} not built: ${error.message}`);
  }
  if (typeof mod[name] !== 'function') {
    throw new Unavailable(`@ecotrace/logger${subpath} does not export ${name} yet`);
  }
  return mod;
}

function listenExpress(app) {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error) => (error ? reject(error) : resolve(server)));
  });
}

export function expressApp(setup) {
  const express = require('express');
  const app = express();
  const after = setup?.(app);
  app.get('/orders/:id', (req, res) => {
    res.json(body(req.params.id));
  });
  after?.(app);
  return listenExpress(app);
}

export async function fastifyApp(options, plugin) {
  const Fastify = require('fastify');
  const app = Fastify(options);
  if (plugin) await app.register(plugin);
  app.get('/orders/:id', async (request) => body(request.params.id));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app.server;
}

// Fastify options making fastify.log / request.log our logger, shared by the rows that need it
// so they set Fastify up identically. Fastify is loaded first, as an app's `import Fastify from
// 'fastify'` does: fastifyLoggerOptions then finds its LogController and avoids the deprecated
// option.
async function ourFastifyOptions() {
  require('fastify');
  const { createLogger } = await importOurs('', 'createLogger');
  const { fastifyLoggerOptions } = await importOurs('/fastify', 'fastifyLoggerOptions');
  return { ...fastifyLoggerOptions(createLogger()) };
}

// The minimal hand-written request logger as a Fastify plugin (see minimal-access-log.mjs).
function minimalFastifyPlugin() {
  const track = minimalAccessLog(service, requestStorage());
  const plugin = (app, _opts, done) => {
    app.addHook('onRequest', (request, reply, next) =>
      track(
        request.raw,
        reply.raw,
        () => request.routeOptions.url,
        () => reply.getHeader('content-length'),
        next,
      ),
    );
    done();
  };
  // Hooks for the whole app, not an encapsulated child (what fastify-plugin does).
  plugin[Symbol.for('skip-override')] = true;
  return plugin;
}

// The floor of request-scoped context: one AsyncLocalStorage.run() per request, nothing else.
function requestStorage() {
  const storage = new AsyncLocalStorage();
  let served = 0;
  return (next) => storage.run({ request: ++served }, next);
}

/** App builders by name: `() => Promise<http.Server>` listening on 127.0.0.1, port 0. */
export const httpApps = {
  'express-bare': () => expressApp(),

  'express-als': () => {
    const runInContext = requestStorage();
    return expressApp((app) => {
      app.use((_req, _res, next) => runInContext(next));
    });
  },

  // A hand-written request logger doing the least issue 4 asks (see minimal-access-log.mjs).
  'express-minimal': () => {
    const track = minimalAccessLog(service, requestStorage());
    return expressApp((app) => {
      app.use((req, res, next) =>
        track(
          req,
          res,
          () => req.route && req.baseUrl + req.route.path,
          () => res.getHeader('content-length'),
          next,
        ),
      );
    });
  },

  'express-ours': async () => {
    const { createLogger } = await importOurs('', 'createLogger');
    const { ecsLogging, ecsErrorLogging } = await importOurs('/express', 'ecsLogging');
    return expressApp((app) => {
      app.use(ecsLogging({ logger: createLogger() }));
      return (after) => after.use(ecsErrorLogging());
    });
  },

  // Elastic's documented Express setup: pino-http with an ecs-pino-format logger.
  'express-pino-http-ecs': () => {
    const pino = require('pino');
    const pinoHttp = require('pino-http');
    const { ecsFormat } = require('@elastic/ecs-pino-format');
    const logger = pino(ecsFormat({ ...service, convertReqRes: true }));
    return expressApp((app) => {
      app.use(pinoHttp({ logger }));
    });
  },

  'fastify-bare': () => fastifyApp({}),

  'fastify-als': () => {
    const runInContext = requestStorage();
    const plugin = (app, _opts, done) => {
      app.addHook('onRequest', (_request, _reply, next) => runInContext(next));
      done();
    };
    // Hooks for the whole app, not an encapsulated child (what fastify-plugin does).
    plugin[Symbol.for('skip-override')] = true;
    return fastifyApp({}, plugin);
  },

  'fastify-minimal': () => fastifyApp({}, minimalFastifyPlugin()),

  // The minimal logger on a Fastify whose fastify.log / request.log are our logger (issue 4 asks
  // for that): Fastify then makes a request child per request and listens for each response's
  // end. What the two requirements cost before any of our request code runs.
  'fastify-minimal-logger': async () =>
    fastifyApp(await ourFastifyOptions(), minimalFastifyPlugin()),

  'fastify-ours': async () => {
    const { ecsLogging } = await importOurs('/fastify', 'ecsLogging');
    return fastifyApp(await ourFastifyOptions(), ecsLogging());
  },

  // Fastify's built-in logger given ecs-pino-format's options, as Elastic documents.
  'fastify-logger-ecs': () => {
    const { ecsFormat } = require('@elastic/ecs-pino-format');
    return fastifyApp({ logger: ecsFormat({ ...service, convertReqRes: true }) });
  },
};
