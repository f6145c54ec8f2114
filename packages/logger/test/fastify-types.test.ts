import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/create-logger.js';
import { ecsLogging, fastifyLoggerOptions } from '../src/fastify/index.js';

describe('fastifyLoggerOptions types', () => {
  // The README's example, as TypeScript: it must type-check with no cast (tsc runs on tests).
  it('spreads into Fastify 5 options without a cast', async () => {
    const app = Fastify({ ...fastifyLoggerOptions(createLogger({ destination: { write() {} } })) });
    await app.register(ecsLogging());
    app.get('/', async (request) => {
      request.log.info('typed');
      return { ok: true };
    });
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    await app.close();
  });
});
