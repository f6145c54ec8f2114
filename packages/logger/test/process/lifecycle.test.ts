// Process-level behaviour of the default destination (async stdout): every accepted line is
// written before the process ends, whatever ends it; a broken pipe does not crash the app;
// both builds load. Fixtures run the built package (dist), so `turbo run test` builds first.
import { describe, expect, it } from 'vitest';
import { ecsErrors } from '../helpers/capture.js';
import { runNode } from './run-node.js';

const LINES = 5_000;

function parse(stdout: string): Record<string, unknown>[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      expect(ecsErrors(line)).toEqual([]);
      return JSON.parse(line) as Record<string, unknown>;
    });
}

function seqs(records: Record<string, unknown>[]): number {
  const seen = new Set(records.map((r) => r.seq).filter((s) => typeof s === 'number'));
  return seen.size;
}

describe('every accepted line is written before the process ends', () => {
  it('when the event loop empties', async () => {
    const run = runNode('lifecycle.mjs', { MODE: 'return', LINES: String(LINES) });
    const { code } = await run.closed;
    expect(code).toBe(0);
    expect(seqs(parse(run.stdout()))).toBe(LINES);
  });

  it('on process.exit()', async () => {
    const run = runNode('lifecycle.mjs', { MODE: 'exit', LINES: String(LINES) });
    const { code } = await run.closed;
    expect(code).toBe(3);
    expect(seqs(parse(run.stdout()))).toBe(LINES);
  });

  it('on SIGTERM without an app listener: flush, then exit 143 like Node would report it', async () => {
    const run = runNode('lifecycle.mjs', { MODE: 'signal', LINES: String(LINES) });
    await run.waitForStderr(/logged/);
    run.child.kill('SIGTERM');
    const { code } = await run.closed;
    expect(code).toBe(143);
    expect(seqs(parse(run.stdout()))).toBe(LINES);
  });

  it('on SIGINT without an app listener: exit 130', async () => {
    const run = runNode('lifecycle.mjs', { MODE: 'signal', LINES: '100' });
    await run.waitForStderr(/logged/);
    run.child.kill('SIGINT');
    expect((await run.closed).code).toBe(130);
    expect(seqs(parse(run.stdout()))).toBe(100);
  });

  it("on SIGTERM with the app's own listener: flush, and the app's shutdown runs", async () => {
    const run = runNode('lifecycle.mjs', { MODE: 'app-listener', LINES: String(LINES) });
    await run.waitForStderr(/logged/);
    run.child.kill('SIGTERM');
    const { code } = await run.closed;
    expect(code).toBe(0);
    const records = parse(run.stdout());
    expect(seqs(records)).toBe(LINES);
    expect(records.at(-1)!.message).toBe('app shutdown');
  });

  it('on an uncaught exception: the fatal line is written and Node still crashes', async () => {
    const run = runNode('lifecycle.mjs', { MODE: 'uncaught', LINES: String(LINES) });
    const { code } = await run.closed;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/Error: kaboom/);
    const records = parse(run.stdout());
    expect(seqs(records)).toBe(LINES);
    expect(records.at(-1)).toMatchObject({
      'log.level': 'fatal',
      message: 'uncaught exception',
      'error.message': 'kaboom',
      'error.type': 'Error',
    });
  });
});

describe('stdout trouble', () => {
  it('a closed pipe (EPIPE) does not crash the service', async () => {
    const run = runNode('lifecycle.mjs', { MODE: 'epipe', LINES: '50' });
    await new Promise<void>((res) => run.child.stdout!.once('data', () => res()));
    run.child.stdout!.destroy();
    const { code, signal } = await run.closed;
    expect(run.stderr()).toMatch(/still alive/);
    expect(run.stderr()).not.toMatch(/EPIPE|Unhandled/);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('lines dropped by a full buffer are counted and reported once writing resumes', async () => {
    // 40 000 lines of ~1 KB against a 16 MiB buffer, with the parent not reading at first.
    const run = runNode('lifecycle.mjs', { MODE: 'return', LINES: '40000', PAD: '1000' });
    run.child.stdout!.pause();
    await run.waitForStderr(/logged/);
    run.child.stdout!.resume();
    const { code } = await run.closed;
    expect(code).toBe(0);
    const records = parse(run.stdout());
    const report = records.filter((r) => String(r.message).startsWith('logs dropped'));
    const dropped = report.reduce((n, r) => n + (r['ecotrace.dropped_lines'] as number), 0);
    expect(dropped).toBeGreaterThan(0);
    expect(seqs(records) + dropped).toBe(40_000);
  });
});

describe('both builds load', () => {
  for (const [file, format] of [
    ['require.cjs', 'cjs'],
    ['import.mjs', 'esm'],
  ] as const) {
    it(`${format}: ${file}`, async () => {
      const run = runNode(file);
      const { code } = await run.closed;
      expect(run.stderr()).toBe('');
      expect(code).toBe(0);
      const [record] = parse(run.stdout());
      expect(record).toMatchObject({
        format,
        'service.name': `${format}-fixture`,
        'trace.id': '4bf92f3577b34da6a3ce929d0e0e4736',
        'span.id': '00f067aa0ba902b7',
      });
    });
  }
});
