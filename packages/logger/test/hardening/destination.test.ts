// The default destination picks how to write from what stdout is, and never loses what
// flushLogger() said was written. Each case runs a child that logs a burst of 12 KB lines (more
// than a pipe takes at once, so writes are partial or refused), awaits flushLogger(), then
// SIGKILLs itself: whatever the flush had not really written would be missing.
// The last case instead exits at once against a reader that never reads, to time the exit hook's
// give-up.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT_STALL_MS } from '../../src/output/fd-writer.js';
import { FIXTURES, parseLines } from './run-fixture.js';

const LINES = 300;

interface Outcome {
  destination: string;
  out: string;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the fixture with stdout and fd 3 as pipes (Node's are socket pairs; `throughCat` puts an
 * anonymous pipe between the fixture and us, as containerd does); `pauseMs` holds the reader
 * of `dest` back.
 */
function run(dest: string, pauseMs = 0, throughCat = false): Promise<Outcome> {
  const fixture = resolve(FIXTURES, 'destination.mjs');
  const [command, args] = throughCat
    ? ['sh', ['-c', `"${process.execPath}" "${fixture}" | cat`]]
    : [process.execPath, [fixture]];
  const child = spawn(command, args, {
    env: { ...process.env, DEST: dest, LINES: String(LINES) },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    cwd: FIXTURES,
  });
  const reader = (dest === '3' ? child.stdio[3] : child.stdout) as Readable;
  const other = (dest === '3' ? child.stdout : child.stdio[3]) as Readable;
  other.resume();
  const chunks: Buffer[] = [];
  reader.on('data', (c: Buffer) => chunks.push(c));
  if (pauseMs > 0) {
    reader.pause();
    setTimeout(() => reader.resume(), pauseMs);
  }
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((ok) => {
    child.once('close', (_code, signal) => {
      clearTimeout(killer);
      const destination = /^destination (\w+)$/m.exec(err)?.[1] ?? `none; stderr: ${err}`;
      expect(err).toMatch(/^flushed$/m);
      ok({ destination, out: Buffer.concat(chunks).toString('utf8'), signal });
    });
  });
}

/** Every numbered line present once, in order, whole. */
function expectAllLines(out: string): void {
  const { records, invalid, torn } = parseLines(out);
  expect(invalid).toEqual([]);
  expect(torn).toBe(false);
  expect(records.map((r) => r.seq)).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
}

describe('the default destination', () => {
  it('stdout a pipe (non-blocking once Node opens it): direct writes; a stalled reader queues lines, flushLogger waits for all of them', async () => {
    const { destination, out, signal } = await run('1', 400);
    expect(destination).toBe('FdWriter');
    expect(signal).toBe('SIGKILL');
    expectAllLines(out);
  });

  it('stdout an anonymous pipe, as under containerd: partial writes of 12 KB lines are finished in order', async () => {
    const { destination, out } = await run('1', 400, true);
    expect(destination).toBe('FdWriter');
    expectAllLines(out);
  });

  it('a file: direct writes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ecotrace-dest-')), 'out.log');
    const { destination, signal } = await run(file);
    expect(destination).toBe('FdWriter');
    expect(signal).toBe('SIGKILL');
    expectAllLines(readFileSync(file, 'utf8'));
  });

  it('a pipe left in blocking mode (fd 3): asynchronous SonicBoom, so a full pipe never blocks the loop', async () => {
    const { destination, out, signal } = await run('3', 400);
    expect(destination).toBe('SonicBoom');
    expect(signal).toBe('SIGKILL');
    expectAllLines(out);
  });

  it(
    `exit with a reader that never reads: the exit hook waits ${EXIT_STALL_MS / 1000} s without progress, then gives up, so a dead collector cannot hold the pod`,
    async () => {
      const child = spawn(process.execPath, [resolve(FIXTURES, 'destination.mjs')], {
        env: { ...process.env, DEST: '1', LINES: String(LINES), END: 'exit' },
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: FIXTURES,
      });
      // Not read until the child has exited: the pipe fills and stays full. (The listener comes
      // first: Node resumes a child's paused stdio at exit, and would drop what no listener takes.)
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.pause();
      let err = '';
      child.stderr.on('data', (c: Buffer) => {
        err += c;
      });
      const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_STALL_MS + 20_000);
      const exit = await new Promise<{ code: number | null; at: number }>((ok) =>
        child.once('exit', (code) => ok({ code, at: Date.now() })),
      );
      clearTimeout(killer);
      child.stdout.resume();
      await new Promise((ok) => child.once('close', ok));

      expect(err).toMatch(/^destination FdWriter$/m);
      expect(exit.code).toBe(0);
      // The child's own clock for the start: a busy test worker may read stderr late.
      const exitingAt = Number(/^exiting at (\d+)$/m.exec(err)?.[1]);
      expect(exitingAt).toBeGreaterThan(0);
      const waited = exit.at - exitingAt;
      expect(waited).toBeGreaterThanOrEqual(EXIT_STALL_MS - 100);
      expect(waited).toBeLessThan(EXIT_STALL_MS + 10_000);
      // What the pipe took before the stall: whole lines in order from the first, then at most
      // the start of the line the kernel stopped in.
      const out = Buffer.concat(chunks).toString('utf8');
      const { records, invalid, torn } = parseLines(out.slice(0, out.lastIndexOf('\n') + 1));
      expect(invalid).toEqual([]);
      expect(torn).toBe(false);
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThan(LINES);
      expect(records.map((r) => r.seq)).toEqual(
        Array.from({ length: records.length }, (_, i) => i + 1),
      );
    },
    EXIT_STALL_MS + 30_000,
  );
});
