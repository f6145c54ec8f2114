import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');

/** A fixture running as `node fixtures/<name>`, its output collected. */
export interface Run {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches `re`. */
  waitForStderr(re: RegExp): Promise<void>;
  /** Exit code and signal, after all output was read. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a fixture; it is SIGKILLed after 60 s so a hang fails the test instead of the run. */
export function runNode(name: string, env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [resolve(FIXTURES, name)], {
    env: { ...process.env, LOG_LEVEL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: FIXTURES,
  });
  const out: Buffer[] = [];
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
    for (const w of waiters) w();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      for (const w of waiters) w();
      res({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => err,
    closed,
    waitForStderr: (re) =>
      new Promise((res, rej) => {
        const check = () => {
          if (re.test(err)) res();
          else if (child.exitCode !== null || child.signalCode !== null)
            rej(new Error(`exited; stderr: ${err}`));
        };
        waiters.push(check);
        check();
      }),
  };
}
