// Local development: our lines pretty-print with pino-pretty told where ECS keeps the
// message, level and time.
import { Writable } from 'node:stream';
import pretty from 'pino-pretty';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

describe('pino-pretty', () => {
  it('prints the message, level and fields of our lines', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const stream = pretty({
      messageKey: 'message',
      // pino-pretty reads dots as nesting; ECS writes the dotted key itself.
      levelKey: 'log\\.level',
      timestampKey: '@timestamp',
      colorize: false,
      sync: true,
      destination: sink,
    });
    const log = createLogger({
      destination: stream,
      handleExit: false,
      service: { name: 'pretty' },
    });
    log.child({ name: 'db' }).warn({ order: { id: 'A-1' } }, 'order placed');
    expect(out).toMatch(/WARN/);
    expect(out).toMatch(/order placed/);
    expect(out).toMatch(/A-1/);
  });
});
