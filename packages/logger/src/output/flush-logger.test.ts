import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../create-logger.js';
import { flushLogger } from './flush-logger.js';

const dir = mkdtempSync(join(tmpdir(), 'ecotrace-flush-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flushLogger', () => {
  it('resolves once an asynchronous destination has written every line', async () => {
    const file = join(dir, 'out.ndjson');
    const dest = pino.destination({ dest: file, sync: false, minLength: 16_000 });
    await new Promise((r) => dest.once('ready', r));
    const log = createLogger({ destination: dest, handleExit: false });
    for (let i = 0; i < 50; i++) log.info({ i }, 'buffered');
    // minLength holds everything in memory until a flush.
    expect(readFileSync(file, 'utf8')).toBe('');
    await flushLogger(log);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(50);
  });

  it('waits for the default asynchronous destination too (minLength 0: pino.flush would not)', async () => {
    const file = join(dir, 'default.ndjson');
    const fd = openSync(file, 'w');
    const log = createLogger({ destination: fd, handleExit: false });
    const n = 5_000;
    for (let i = 0; i < n; i++) log.info({ i }, 'x'.repeat(200));
    await flushLogger(log);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(n);
    closeSync(fd);
  });

  it('never rejects, even without a logger or with a broken destination', async () => {
    await expect(flushLogger(undefined)).resolves.toBeUndefined();
    const broken = createLogger({ handleExit: false, destination: { write: () => undefined } });
    await expect(flushLogger(broken)).resolves.toBeUndefined();
  });
});
