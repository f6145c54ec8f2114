import fastify5 from 'fastify';
import fastify4 from 'fastify4';
import { describe, expect, it } from 'vitest';
import { ecsLogging, fastifyLoggerOptions } from '../src/fastify/index.js';
import { fastifyApp } from './http-apps.js';
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
