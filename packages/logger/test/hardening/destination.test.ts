// The default destination picks how to write from what stdout is, and never loses what
// flushLogger() said was written. Each case runs a child that logs a burst of 12 KB lines (more
// than a pipe takes at once, so writes are partial or refused), awaits flushLogger(), then
// SIGKILLs itself: whatever the flush had not really written would be missing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
});
