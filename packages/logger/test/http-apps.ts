import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Express, NextFunction, Request, Response } from 'express';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { getLogger } from '../src/context/get-logger.js';
import { ecsErrorLogging, ecsLogging as expressLogging } from '../src/express/index.js';
import { fastifyLoggerOptions, ecsLogging as fastifyLogging } from '../src/fastify/index.js';
import type { HttpLoggingOptions } from '../src/http/options.js';
import type { Capture } from './http-harness.js';

/** A running app: the same routes on every framework and major. */
export interface AppUnderTest {
  port: number;
  close(): Promise<void>;
}

export type StartApp = (capture: Capture, options?: HttpLoggingOptions) => Promise<AppUnderTest>;

/** Code several awaits away from the handler, logging through getLogger() only. */
async function deepWork(step: number): Promise<void> {
  await sleep(Math.floor(Math.random() * 5));
  getLogger().info({ labels: { step: String(step) } }, 'deep work');
  await Promise.resolve();
  await new Promise<void>((resolve) =>
    setImmediate(() => {
      getLogger().info('scheduled');
      resolve();
    }),
  );
}

/**
 * Logs through loggers that know nothing of the request: a module's named child made before any
 * request (`const log = logger.child({ name: 'orders' })` at import time) and the app's logger.
 */
async function moduleLoggers(capture: Capture, moduleLog: Logger): Promise<void> {
  moduleLog.info('from a module logger');
  await sleep(1);
  capture.logger.info('from the app logger');
}

function listening(server: Server): number {
  return (server.address() as AddressInfo).port;
}

type ExpressFactory = () => Express;

/** Express (4 or 5) with the middleware first and the error logger after the routes. */
export function expressApp(createExpress: ExpressFactory, major: 4 | 5): StartApp {
  return async (capture, options) => {
    const app = createExpress();
    app.use(expressLogging({ logger: capture.logger, ...options }));
    app.use(
      (
        createExpress as unknown as {
          json(): (req: Request, res: Response, next: NextFunction) => void;
        }
      ).json(),
    );
    app.get('/ok', async (req, res) => {
      req.log.info('handler start');
      await deepWork(1);
      await deepWork(2);
      res.json({ ok: true });
    });
    app.get('/users/:id', (req, res) => {
      res.json({ id: req.params.id });
    });
    app.get('/status/:code', (req, res) => {
      res.status(Number(req.params.code)).send('x');
    });
    app.get('/healthz', (_req, res) => {
      res.send('ok');
    });
    app.get('/readyz', (_req, res) => {
      res.status(503).send('not ready');
    });
    app.get('/fail', () => {
      throw new Error('sync boom');
    });
    if (major === 5) {
      app.get('/fail-async', async () => {
        await sleep(1);
        throw new Error('async boom');
      });
    } else {
      app.get('/fail-async', (_req, _res, next) => {
        sleep(1).then(() => next(new Error('async boom')));
      });
    }
    app.get('/slow', (_req, res) => {
      const timer = setTimeout(() => res.send('late'), 5_000);
      res.on('close', () => clearTimeout(timer));
    });
    app.post('/echo', (req, res) => {
      getLogger().info('echo');
      res.json(req.body);
    });
    app.get('/late', (req, res) => {
      res.on('close', () => setTimeout(() => req.log.info('after the response'), 1));
      res.json({ ok: true });
    });
    const moduleLog = capture.logger.child({ name: 'orders' });
    app.get('/module', async (_req, res) => {
      await moduleLoggers(capture, moduleLog);
      res.json({ ok: true });
    });
    app.use(ecsErrorLogging());
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return {
      port: listening(server),
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  };
}

type FastifyFactory = (options: Record<string, unknown>) => FastifyInstance;

/** Fastify (4 or 5) built with fastifyLoggerOptions and the plugin registered. */
export function fastifyApp(createFastify: FastifyFactory, major: 4 | 5): StartApp {
  return async (capture, options) => {
    const loggerOptions =
      major === 4
        ? fastifyLoggerOptions(capture.logger, { fastifyVersion: 4 })
        : fastifyLoggerOptions(capture.logger, {
            // Fastify ≥ 5.12 deprecates the top-level disableRequestLogging (FSTDEP023).
            LogController: (createFastify as unknown as { LogController: never }).LogController,
          });
    const app = createFastify({ ...loggerOptions });
    await app.register(fastifyLogging(options));
    app.get('/ok', async (request) => {
      request.log.info('handler start');
      await deepWork(1);
      await deepWork(2);
      return { ok: true };
    });
    app.get('/users/:id', async (request) => ({ id: (request.params as { id: string }).id }));
    app.get('/status/:code', async (request, reply) => {
      reply.code(Number((request.params as { code: string }).code));
      return 'x';
    });
    app.get('/healthz', async () => 'ok');
    app.get('/readyz', async (_request, reply) => {
      reply.code(503);
      return 'not ready';
    });
    app.get('/fail', () => {
      throw new Error('sync boom');
    });
    app.get('/fail-async', async () => {
      await sleep(1);
      throw new Error('async boom');
    });
    app.get('/slow', (_request, reply) => {
      const timer = setTimeout(() => reply.send('late'), 5_000);
      reply.raw.on('close', () => clearTimeout(timer));
    });
    app.post('/echo', async (request) => {
      getLogger().info('echo');
      return request.body;
    });
    app.get('/late', (request, reply) => {
      reply.raw.on('close', () => setTimeout(() => request.log.info('after the response'), 1));
      reply.send({ ok: true });
    });
    const moduleLog = capture.logger.child({ name: 'orders' });
    app.get('/module', async () => {
      await moduleLoggers(capture, moduleLog);
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      port: listening(app.server),
      close: async () => {
        await app.close();
      },
    };
  };
}
