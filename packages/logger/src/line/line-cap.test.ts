import { describe, expect, it } from 'vitest';
import { capture, ecsErrors } from '../../test/helpers/capture.js';
import { fitJsonString } from './fit-json-string.js';

const bytes = (s: string) => Buffer.byteLength(s);

describe('line cap', () => {
  it('cuts the stack trace first, then the message, and tags the line', () => {
    const { log, lines, last } = capture({ maxLineBytes: 2_000 });
    const err = new Error('m'.repeat(500));
    err.stack = `Error: boom\n${'    at frame (file.js:1:1)\n'.repeat(300)}`;
    log.error({ err }, 'short message');
    expect(bytes(lines[0]!)).toBeLessThanOrEqual(2_000);
    const r = last();
    expect(r.message).toBe('short message');
    expect(r.tags).toEqual(['log_truncated']);
    expect((r['error.stack_trace'] as string).startsWith('Error: boom\n')).toBe(true);

    log.info('é'.repeat(5_000));
    expect(bytes(lines[1]!)).toBeLessThanOrEqual(2_000);
    expect(last().tags).toEqual(['log_truncated']);
  });

  it('then large fields, keeping the line valid and merging caller tags', () => {
    const { log, lines, last } = capture({ maxLineBytes: 1_500 });
    log.info(
      { tags: ['mine'], blob: { data: 'x'.repeat(10_000) }, 'user.name': 'n'.repeat(3_000) },
      'hi',
    );
    expect(bytes(lines[0]!)).toBeLessThanOrEqual(1_500);
    const r = last();
    expect(r.tags).toEqual(['mine', 'log_truncated']);
    expect(r.message).toBe('hi');
  });

  it('never splits a surrogate pair and never leaves a trailing newline', () => {
    const { log, lines, records } = capture({ maxLineBytes: 1_024 });
    for (let shift = 0; shift < 6; shift++) log.info(`${'a'.repeat(shift)}${'😀'.repeat(600)}`);
    records();
    for (const line of lines) {
      expect(bytes(line)).toBeLessThanOrEqual(1_024);
      expect(line).not.toMatch(/\\ud[89ab][0-9a-f]{2}"/i);
      const msg = JSON.parse(line).message as string;
      expect(msg).not.toMatch(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      );
    }
  });

  it('leaves lines under the cap untouched (default cap is below 16 KiB)', () => {
    const { log, lines, last } = capture();
    log.info({ payload: 'p'.repeat(10_000) }, 'ok');
    expect(last().tags).toBeUndefined();
    log.info({ payload: 'p'.repeat(8_000), more: 'q'.repeat(8_000) }, 'big');
    expect(bytes(lines[1]!)).toBeLessThanOrEqual(16_000);
  });
});

describe('fitJsonString', () => {
  it('measures escaped UTF-8 bytes', () => {
    expect(fitJsonString('héllo', 6)).toBe('"hé"');
    expect(bytes(fitJsonString('"'.repeat(100), 20))).toBeLessThanOrEqual(20);
    expect(fitJsonString('abc', 100)).toBe('"abc"');
  });
});

describe('shortening a line whose bindings were shortened too', () => {
  it('never repeats a renamed key of the bindings (found by the never-throws property)', () => {
    const { log, lines } = capture({ maxLineBytes: 4_096 });
    const child = log.child({ a: 1, b: 2, c: 3, host: { x: 'y'.repeat(5_000) } });
    child.info({ a2: 1, b2: 2, c2: 3, host: { x: 'z'.repeat(5_000) } });
    const line = lines.at(-1)!.trimEnd();
    expect(Buffer.byteLength(line)).toBeLessThan(4_096);
    expect(ecsErrors(line)).toEqual([]);
  });
});
