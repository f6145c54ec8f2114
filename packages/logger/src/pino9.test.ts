// The package supports pino ^9 || ^10: the same core checks with pino 9 swapped in (the
// `pino9` dev alias), because the key-order design relies on pino's write path internals.
import { describe, expect, it, vi } from 'vitest';

vi.mock('pino', async () => await import('pino9'));

const { capture } = await import('../test/helpers/capture.js');
const pino = (await import('pino')).default as unknown as { version: string };

describe('with pino 9', () => {
  it('is really pino 9', () => {
    expect(pino.version).toMatch(/^9\./);
  });

  it('keeps the ECS key order for root and child loggers, and the conflict rules', () => {
    const { log, lines, records } = capture();
    log.info({ http: 42 }, 'root');
    log.child({ name: 'c', tenant: 1 }).error(new Error('boom'), 'child');
    const [root, child] = records();
    for (const line of lines) {
      expect(Object.keys(JSON.parse(line)).slice(0, 3)).toEqual([
        '@timestamp',
        'log.level',
        'message',
      ]);
    }
    expect(root).toMatchObject({ 'ecotrace.displaced.http': 42, 'service.name': 'test-svc' });
    expect(child).toMatchObject({
      'log.logger': 'c',
      tenant: 1,
      'error.message': 'boom',
      message: 'child',
    });
  });
});
