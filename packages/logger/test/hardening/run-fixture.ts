import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Directory of the child-process fixtures. */
export const FIXTURES = resolve(import.meta.dirname, 'fixtures');

/** A fixture running as a child process; stdout kept as raw bytes so a torn last line shows. */
export interface RunningFixture {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr line matching `re` (rejects on exit or after `timeoutMs`). */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Exit code/signal and how long after `markEnd()` (or start) the exit came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Starts the clock the exit time is measured from (e.g. when the signal is sent). */
  markEnd(): void;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/**
 * Runs `node [nodeArgs] fixtures/<name>` with `env` added to the environment. The child is
 * SIGKILLed after `killAfterMs` (default 60 s) so a hang fails the test instead of the run.
 */
export function runFixture(
  name: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; killAfterMs?: number; readStdout?: boolean } = {},
): RunningFixture {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), resolve(FIXTURES, name)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: FIXTURES,
  });
  running.add(child);
  const out: Buffer[] = [];
  let err = '';
  let endMark = Date.now();
  // readStdout false: drain and discard (a long run would otherwise hold every line).
  if (options.readStdout !== false) child.stdout?.on('data', (c: Buffer) => out.push(c));
  else child.stdout?.resume();
  const wakers = new Set<() => void>();
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
    for (const w of wakers) w();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>(
    (res) => {
      // 'close' (not 'exit'): every byte of stdout/stderr has been read by then.
      child.once('close', (code, signal) => {
        const ms = Date.now() - endMark;
        running.delete(child);
        clearTimeout(killer);
        done = true;
        for (const w of wakers) w();
        res({ code, signal, ms });
      });
    },
  );
  return {
    child,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => err,
    exited,
    markEnd: () => {
      endMark = Date.now();
    },
    waitForStderr(re, timeoutMs = 60_000) {
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => stop(new Error(`timed out waiting for ${re}`)), timeoutMs);
        const stop = (e: Error | null, m?: RegExpMatchArray): void => {
          clearTimeout(timer);
          wakers.delete(check);
          if (e) fail(new Error(`${e.message}\nstderr:\n${err.slice(-4_000)}`));
          else ok(m as RegExpMatchArray);
        };
        const check = (): void => {
          const m = err.match(re);
          if (m) stop(null, m);
          else if (done) stop(new Error(`exited before ${re}`));
        };
        wakers.add(check);
        check();
      });
    },
  };
}

/** Splits stdout into lines; the last element is '' when output ended with a newline. */
export function parseLines(stdout: string): {
  records: Record<string, unknown>[];
  invalid: string[];
  torn: boolean;
} {
  const parts = stdout.split('\n');
  const torn = parts[parts.length - 1] !== '';
  const records: Record<string, unknown>[] = [];
  const invalid: string[] = [];
  for (const line of parts) {
    if (line === '') continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      invalid.push(line.slice(0, 200));
    }
  }
  return { records, invalid, torn };
}
