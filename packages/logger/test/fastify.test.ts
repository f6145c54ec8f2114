import type { AddressInfo } from 'node:net';
import fastify5, { type FastifyInstance } from 'fastify';
import fastify4 from 'fastify4';
import { describe, expect, it } from 'vitest';
import { ecsLogging, fastifyLoggerOptions } from '../src/fastify/index.js';
import { fastifyApp } from './http-apps.js';
import { captureLogger, hexId, send } from './http-harness.js';
import { describeHttpScenarios } from './http-scenarios.js';

describeHttpScenarios('Fastify 5', fastifyApp(fastify5 as never, 5));
describeHttpScenarios('Fastify 4', fastifyApp(fastify4 as never, 4));

describe('ecsLogging (Fastify)', () => {
  it('returns a plugin named after the factory that skips encapsulation', () => {
    const plugin = ecsLogging() as unknown as Record<symbol, unknown> & { name: string };
    expect(plugin.name).toBe('ecsLogging');
    expect(plugin[Symbol.for('skip-override')]).toBe(true);
    expect(() => ecsLogging({ healthPaths: '/healthz' as never })).toThrow(/options\.healthPaths/);
    expect(() => fastifyLoggerOptions({} as never)).toThrow(/fastifyLoggerOptions: logger/);
  });
});

describe('fastifyLoggerOptions', () => {
  it('returns what each major needs', () => {
    const capture = captureLogger();
    // Fastify 5.12 is loaded in this process (imported above): its LogController is found, so
    // the deprecated top-level disableRequestLogging (FSTDEP023) is not used.
    const v5 = fastifyLoggerOptions(capture.logger);
    expect(v5).toMatchObject({ loggerInstance: capture.logger });
    expect(v5.logController).toBeInstanceOf(fastify5.LogController);
    expect('disableRequestLogging' in v5).toBe(false);
    expect('logger' in v5).toBe(false);
    const v4 = fastifyLoggerOptions(capture.logger, { fastifyVersion: 4 });
    expect(v4).toMatchObject({
      logger: capture.logger,
      disableRequestLogging: true,
      requestIdHeader: false,
    });
    const withController = fastifyLoggerOptions(capture.logger, {
      LogController: fastify5.LogController,
    });
    expect(withController.logController).toBeInstanceOf(fastify5.LogController);
    expect(withController.disableRequestLogging).toBeUndefined();
    expect(() => fastifyLoggerOptions(capture.logger, { fastifyVersion: 3 as never })).toThrow(
      /fastifyVersion/,
    );
    expect(() => fastifyLoggerOptions(capture.logger, { LogController: {} as never })).toThrow(
      /config\.LogController/,
    );
  });
});

describe.each([
  ['Fastify 5', fastify5],
  ['Fastify 4', fastify4],
] as const)('%s without fastifyLoggerOptions', (_name, createFastify) => {
  it('still makes request.log ours and writes the access line with the ids', async () => {
    const capture = captureLogger();
    const app = (createFastify as unknown as () => FastifyInstance)();
    await app.register(ecsLogging({ logger: capture.logger }));
    app.get('/hello', async (request) => {
      request.log.info('from request.log');
      return 'hi';
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as AddressInfo).port;
      const traceId = hexId(32);
      const spanId = hexId(16);
      const reply = await send(port, '/hello', {
        'x-request-id': 'plain-1',
        'x-b3-traceid': traceId,
        'x-b3-spanid': spanId,
      });
      expect(reply.headers['x-request-id']).toBe('plain-1');
      await capture.waitFor((r) => r.message === 'GET /hello 200');
      const lines = capture.forRequest('plain-1');
      expect(lines.map((l) => l.message)).toEqual(['from request.log', 'GET /hello 200']);
      for (const l of lines) expect([l['trace.id'], l['span.id']]).toEqual([traceId, spanId]);
      expect(capture.errors()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('Fastify 5 with an app genReqId whose id Node refuses as a header value', () => {
  it('answers as usual, echoes nothing, and still writes the access line with that id', async () => {
    const capture = captureLogger();
    const app = fastify5({
      ...fastifyLoggerOptions(capture.logger),
      genReqId: () => 'id\nwith-newline',
    });
    await app.register(ecsLogging());
    app.get('/hello', async () => 'hi');
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const reply = await send((app.server.address() as AddressInfo).port, '/hello');
      expect(reply.status).toBe(200);
      expect(reply.body).toBe('hi');
      expect(reply.headers['x-request-id']).toBeUndefined();
      const line = await capture.waitFor((r) => r.message === 'GET /hello 200');
      expect(line['http.request.id']).toBe('id\nwith-newline');
      expect(capture.errors()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
