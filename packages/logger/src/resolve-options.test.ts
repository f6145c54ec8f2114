// Bad options throw at createLogger with a message naming the option (issue 18): unknown keys at
// any level (typos, pino options carried over), not only bad values of known ones.
import { describe, expect, it } from 'vitest';
import { capture } from '../test/helpers/capture.js';
import { createLogger } from './create-logger.js';
import type { LoggerOptions } from './types.js';

const quiet = { handleExit: false, destination: { write: () => true } } as const;

function make(options: Record<string, unknown>): unknown {
  return createLogger({ ...quiet, ...options } as LoggerOptions);
}

describe('createLogger option checks', () => {
  it.each([
    [{ levle: 'debug' }, /option `levle` is not known; did you mean `level`\?/],
    [{ servcie: { name: 'x' } }, /option `servcie` is not known; did you mean `service`\?/],
    [{ maxLinebytes: 2000 }, /did you mean `maxLineBytes`\?/],
    [{ frobnicate: true }, /option `frobnicate` is not known \(known: level, service, /],
  ])('unknown option %o throws naming it', (options, message) => {
    expect(() => make(options)).toThrow(message);
  });

  it.each([
    [
      { redact: { key: ['ssn'] } },
      /option `redact.key` is not known; did you mean `redact.keys`\?/,
    ],
    [
      { redact: { path: ['a.b'] } },
      /option `redact.path` is not known; did you mean `redact.paths`\?/,
    ],
    [
      { service: { nmae: 'x' } },
      /option `service.nmae` is not known; did you mean `service.name`\?/,
    ],
    [
      { rateLimit: { maxx: 3 } },
      /option `rateLimit.maxx` is not known; did you mean `rateLimit.max`\?/,
    ],
    [{ redact: { defaults: 'no' } }, /option `redact.defaults` must be a boolean/],
    [{ redact: { paths: ['*.password'] } }, /option `redact.paths` .*wildcards/],
    [{ redact: { paths: ['req.headers["x"]'] } }, /option `redact.paths` .*brackets/],
  ])('options nested in options are checked: %o', (options, message) => {
    expect(() => make(options)).toThrow(message);
  });

  it.each([
    ['mixin', () => ({}), /`mixin`.*child\(/],
    ['base', {}, /`base`.*`service`/],
    ['formatters', { level: () => ({}) }, /`formatters`.*ECS/],
    ['hooks', {}, /`hooks`/],
    ['transport', { target: 'pino-pretty' }, /`transport`.*destination: pino\.transport/],
    ['timestamp', false, /`timestamp`.*@timestamp/],
    ['messageKey', 'msg', /`messageKey`.*message/],
    ['errorKey', 'e', /`errorKey`.*error\.\*/],
    ['customLevels', { audit: 35 }, /`customLevels`/],
    ['enabled', false, /`enabled`.*level: 'silent'/],
    ['msgPrefix', '[x] ', /`msgPrefix`.*child\(\{\}, \{ msgPrefix \}\)/],
    ['nestedKey', 'payload', /`nestedKey`/],
  ])('the pino option %s says what to use instead', (name, value, message) => {
    expect(() => make({ [name]: value })).toThrow(message);
    expect(() => make({ [name]: value })).toThrow(/is a pino option/);
  });

  it('serializers (a pino option) are supported: applied per key, like pino', () => {
    const { log, last } = capture({
      serializers: { user: (u: unknown) => ({ id: (u as { id: string }).id }) },
    } as LoggerOptions);
    log.info({ user: { id: 'u1', password: 'x', name: 'Ann' } }, 'm');
    expect(last()['user.id']).toBe('u1');
    expect(last()['user.name']).toBeUndefined();
  });

  it('serializers must be functions; err is not one of them (errors are always ECS error.*)', () => {
    expect(() => make({ serializers: { user: 'x' } })).toThrow(
      /option `serializers.user` must be a function/,
    );
    expect(() => make({ serializers: { err: () => ({}) } })).toThrow(
      /option `serializers.err` .*error\.\*/,
    );
  });
});
