import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { capture, untimed } from '../test/helpers/capture.js';
import { createLogger } from './create-logger.js';

const boom = new Error('boom');

function logEverything(log: pino.Logger): void {
  log.info({ order: { id: 'A-1' }, 'http.request.method': 'GET' }, 'placed %s', 'now');
  log.child({ name: 'db', tenant: 'acme' }).warn({ q: 1 }, 'slow');
  log.error(boom, 'failed');
  log.info('plain');
}

describe('direct write', () => {
  it("writes the same bytes as pino's own write path", () => {
    const direct = capture();
    logEverything(direct.log);
    // pino.multistream needs per-line metadata, so every line takes pino's own path.
    const viaPino: string[] = [];
    const multi = pino.multistream([{ stream: { write: (s: string) => void viaPino.push(s) } }]);
    const log = createLogger({
      service: { name: 'test-svc', version: '1.2.3' },
      handleExit: false,
      destination: multi,
    });
    logEverything(log);
    expect(viaPino).toHaveLength(4);
    expect(direct.lines.map(untimed)).toEqual(viaPino.map(untimed));
    direct.records();
  });

  it("applies a child's formatters.log, which only pino's path runs", () => {
    const { log, records } = capture();
    const child = log.child(
      {},
      { formatters: { log: (object: object) => ({ ...object, added: 1 }) } },
    );
    child.info('formatted');
    expect(records()[0]).toMatchObject({ message: 'formatted', added: 1 });
  });

  it('lets a pino_asJson diagnostics subscriber see every line (pino >= 10)', () => {
    const { log, records } = capture();
    const seen: unknown[] = [];
    const onStart = (message: unknown): void => void seen.push(message);
    subscribe('tracing:pino_asJson:start', onStart);
    try {
      log.info('observed');
    } finally {
      unsubscribe('tracing:pino_asJson:start', onStart);
    }
    log.info('not observed');
    expect(seen).toHaveLength(1);
    expect(records().map((r) => r.message)).toEqual(['observed', 'not observed']);
  });

  it('never throws when the stream does', () => {
    const log = createLogger({
      handleExit: false,
      destination: {
        write() {
          throw new Error('stream destroyed');
        },
      },
    });
    expect(() => log.info('lost')).not.toThrow();
  });
});
