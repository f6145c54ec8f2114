// Issue 8, "Log storms": the optional rate limit per (level, message template) keeps the first
// lines of each window, counts the rest, and writes one `suppressed N similar lines` summary.
import { describe, expect, it } from 'vitest';
import { capture } from '../helpers/capture.js';
import { parseLines, runFixture } from './run-fixture.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rate limit (off by default)', () => {
  it('off by default: a storm is written in full', () => {
    const c = capture();
    for (let i = 0; i < 500; i++) c.log.error('db down');
    expect(c.lines).toHaveLength(500);
  });

  it('per (level, template): first max lines per window, then one summary at that level', async () => {
    const c = capture({ rateLimit: { max: 5, intervalMs: 200 } });
    for (let i = 0; i < 1_000; i++) c.log.error('db down on %s', `host-${i}`);
    for (let i = 0; i < 8; i++) c.log.warn('db down on %s', 'x'); // other level: own key
    for (let i = 0; i < 3; i++) c.log.child({ req: i }).error({ n: i }, 'other failure');
    expect(c.records().filter((r) => r.message === 'db down on host-0')).toHaveLength(1);
    expect(c.lines).toHaveLength(5 + 5 + 3);
    await sleep(500);
    const summaries = c.records().filter((r) => String(r.message).startsWith('suppressed'));
    expect(summaries).toEqual([
      expect.objectContaining({
        'log.level': 'error',
        message: 'suppressed 995 similar lines',
        'ecotrace.suppressed_lines': 995,
        'ecotrace.suppressed_template': 'db down on %s',
      }),
      expect.objectContaining({ 'log.level': 'warn', 'ecotrace.suppressed_lines': 3 }),
    ]);
    // A new window starts fresh.
    c.log.error('db down on %s', 'again');
    expect(c.last().message).toBe('db down on again');
  });

  it('bad options throw naming the option', () => {
    expect(() => capture({ rateLimit: { max: 0 } })).toThrow(/rateLimit\.max/);
    expect(() => capture({ rateLimit: { intervalMs: 1.5 } })).toThrow(/rateLimit\.intervalMs/);
    expect(() => capture({ rateLimit: 'on' as never })).toThrow(/`rateLimit`/);
  });

  it('an error storm in a real process: 100 lines reach stdout, the summary is written at exit', async () => {
    const child = runFixture('storm.mjs', {});
    const { code } = await child.exited;
    expect(code).toBe(0);
    const { records, invalid } = parseLines(child.stdout());
    expect(invalid).toEqual([]);
    expect(records.filter((r) => r.message === 'db query failed')).toHaveLength(100);
    expect(records.some((r) => r.message === 'still serving')).toBe(true);
    const summary = records.find((r) => r['ecotrace.suppressed_lines'] !== undefined);
    expect(summary).toMatchObject({
      'log.level': 'error',
      message: 'suppressed 49900 similar lines',
      'ecotrace.suppressed_template': 'db query failed',
    });
  });
});
