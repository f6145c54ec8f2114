import { ECS_VERSION } from '@ecotrace/ecs-schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from '../test/helpers/capture.js';
import { getLogger } from './context/get-logger.js';
import { setRootLogger } from './context/root-logger.js';
import { createLogger } from './create-logger.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function firstKeys(line: string): string[] {
  return Object.keys(JSON.parse(line)).slice(0, 3);
}

describe('createLogger', () => {
  it('writes @timestamp, log.level, message first, then the static fields', () => {
    const { log, lines, last } = capture({
      service: { name: 'checkout', version: '2.0.0', environment: 'prod', namespace: 'shop' },
    });
    log.info({ order: { id: 'A-1' } }, 'order placed');
    const r = last();
    expect(firstKeys(lines[0]!)).toEqual(['@timestamp', 'log.level', 'message']);
    expect(r['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(r).toMatchObject({
      'log.level': 'info',
      message: 'order placed',
      'ecs.version': ECS_VERSION,
      'service.name': 'checkout',
      'service.version': '2.0.0',
      'service.environment': 'prod',
      'service.namespace': 'shop',
      'event.dataset': 'checkout',
      'process.pid': process.pid,
      order: { id: 'A-1' },
    });
    expect(typeof r['host.hostname']).toBe('string');
  });

  it('keeps the order for child loggers, with and without bindings, and for grandchildren', () => {
    const { log, lines, records } = capture();
    log.child({}).info('empty bindings');
    const c = log.child({ name: 'db', tenant: { id: 7 } });
    c.warn({ q: 1 }, 'slow');
    c.child({ shard: 3 }).error('grandchild');
    records();
    for (const line of lines)
      expect(firstKeys(line)).toEqual(['@timestamp', 'log.level', 'message']);
    const [, second, third] = records();
    expect(second).toMatchObject({ 'log.logger': 'db', tenant: { id: 7 }, q: 1 });
    expect(third).toMatchObject({
      'log.logger': 'db',
      tenant: { id: 7 },
      shard: 3,
      'log.level': 'error',
    });
  });

  it('serializes static fields and bindings once per logger, not per line', () => {
    const { log, lines } = capture();
    const bound = {
      get expensive() {
        return 'x';
      },
    };
    const spy = vi.spyOn(bound, 'expensive', 'get');
    const c = log.child(bound);
    for (let i = 0; i < 5; i++) c.info('line');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(5);
  });

  it('name option becomes log.logger', () => {
    const { log, last } = capture({ name: 'api' });
    log.info('x');
    expect(last()['log.logger']).toBe('api');
  });

  it('uses LOG_LEVEL when level is not given, and the level option over it', () => {
    vi.stubEnv('LOG_LEVEL', 'warn');
    const a = capture();
    a.log.info('dropped');
    a.log.warn('kept');
    expect(a.records().map((r) => r.message)).toEqual(['kept']);
    const b = capture({ level: 'debug' });
    b.log.debug('kept');
    expect(b.lines).toHaveLength(1);
  });

  it('keeps working as a pino logger: level changes, isLevelEnabled, bindings()', () => {
    const { log, lines } = capture();
    log.level = 'error';
    log.info('no');
    log.error('yes');
    expect(lines).toHaveLength(1);
    expect(log.isLevelEnabled('warn')).toBe(false);
    expect(log.child({ a: 1 }).bindings()).toMatchObject({ a: 1 });
  });

  it('takes service identity from OTEL_* env and HOSTNAME', () => {
    vi.stubEnv('OTEL_SERVICE_NAME', 'from-env');
    vi.stubEnv(
      'OTEL_RESOURCE_ATTRIBUTES',
      'service.version=9.9.9,deployment.environment.name=staging',
    );
    vi.stubEnv('HOSTNAME', 'pod-abc');
    const lines: string[] = [];
    const log = createLogger({
      handleExit: false,
      destination: { write: (s: string) => void lines.push(s) },
    });
    log.info('x');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      'service.name': 'from-env',
      'service.version': '9.9.9',
      'service.environment': 'staging',
      'service.node.name': 'pod-abc',
      'host.hostname': 'pod-abc',
      'event.dataset': 'from-env',
    });
  });

  it('rejects bad options at construction, naming the option or env var', () => {
    expect(() => createLogger({ level: 'loud' as never })).toThrow(/`level`/);
    expect(() => createLogger({ maxLineBytes: 10 })).toThrow(/`maxLineBytes`/);
    expect(() => createLogger({ destination: 'stdout' as never })).toThrow(/`destination`/);
    expect(() => createLogger({ redact: 'yes' as never })).toThrow(/`redact`/);
    expect(() => createLogger({ redact: { keys: [1] as never } })).toThrow(/`redact.keys`/);
    expect(() => createLogger({ service: { name: '' } })).toThrow(/`service.name`/);
    expect(() => createLogger({ traceCorrelation: 'no' as never })).toThrow(/`traceCorrelation`/);
    vi.stubEnv('LOG_LEVEL', 'verbose');
    expect(() => createLogger()).toThrow(/LOG_LEVEL/);
  });

  it('getLogger returns the root: the first logger, one made with root: true, or setRootLogger', () => {
    const a = capture({ root: true });
    expect(getLogger()).toBe(a.log);
    capture();
    expect(getLogger()).toBe(a.log);
    const b = capture({ root: true });
    expect(getLogger()).toBe(b.log);
    setRootLogger(a.log);
    expect(getLogger()).toBe(a.log);
  });

  it('a second createLogger() does not replace the root (issue 18: an audit logger took the request lines)', async () => {
    vi.resetModules(); // a process where no logger exists yet
    const fresh = await import('./index.js');
    const { ecsLogging } = await import('./express/index.js');
    const express = (await import('express')).default;
    const app = [] as string[];
    const audit = [] as string[];
    const appLog = fresh.createLogger({
      handleExit: false,
      destination: { write: (l: string) => void app.push(l) },
    });
    fresh.createLogger({
      handleExit: false,
      destination: { write: (l: string) => void audit.push(l) },
    });
    fresh.createLogger({ root: false, handleExit: false, destination: { write: () => true } });
    expect(fresh.getLogger()).toBe(appLog);
    const server = express()
      .use(ecsLogging())
      .get('/', (_req, res) => {
        fresh.getLogger().info('in handler');
        res.end('ok');
      })
      .listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    await (await fetch(`http://127.0.0.1:${port}/`)).text();
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(audit).toEqual([]);
    expect(app.map((l) => JSON.parse(l).message)).toEqual(['in handler', 'GET / 200']);
  });

  it('root: false on the first logger leaves the root unset; setRootLogger() sets it', async () => {
    vi.resetModules();
    const fresh = await import('./index.js');
    const side = fresh.createLogger({
      root: false,
      handleExit: false,
      destination: { write: () => true },
    });
    const root = fresh.createLogger({ handleExit: false, destination: { write: () => true } });
    expect(fresh.getLogger()).toBe(root);
    fresh.setRootLogger(side);
    expect(fresh.getLogger()).toBe(side);
  });

  it('formats printf-style messages and trims trailing newlines', () => {
    const { log, records } = capture();
    log.info('user %s has %d items %j', 'ann', 3, { a: 1 });
    log.info({ a: 1 }, 'with obj %s', 'x');
    log.info('ends with newline\r\n');
    log.info(42 as never);
    log.info({ message: 'from the object' });
    expect(records().map((r) => r.message)).toEqual([
      'user ann has 3 items {"a":1}',
      'with obj x',
      'ends with newline',
      '42',
      'from the object',
    ]);
  });

  it('writes custom levels of a child with their label', () => {
    const { log, last } = capture();
    log.fatal('bye');
    expect(last()['log.level']).toBe('fatal');
  });
});

describe('pino child options', () => {
  it('applies a child msgPrefix and serializers (not to err, which is always ECS error.*)', () => {
    const { log, last } = capture();
    const c = log.child(
      {},
      {
        msgPrefix: '[db] ',
        serializers: { account: (a: { id: number }) => ({ id: a.id }), err: () => 'ignored' },
      },
    );
    c.info({ account: { id: 7, plan: 'x', owner: 'y' } }, 'connected');
    expect(last()).toMatchObject({ message: '[db] connected' });
    expect(last().account).toEqual({ id: 7 });
    c.error(new Error('boom'));
    expect(last()).toMatchObject({ message: '[db] boom', 'error.message': 'boom' });
  });
});
