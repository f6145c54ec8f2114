import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process whose stdout is captured line by line. */
export interface SpawnedService {
  child: ChildProcess;
  pid: number | undefined;
  /** stdout lines so far (without the newline). */
  lines(): string[];
  /** stderr so far. */
  stderr(): string;
  /** Resolves with the first line (past or future) matching `pred`; rejects after `timeoutMs` (default 10 s) or on exit. */
  waitForLine(pred: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code/signal; SIGKILL after `killAfterMs` (default 10 s). */
  stop(
    signal?: NodeJS.Signals,
    killAfterMs?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the process exits on its own. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
// Never leave orphans behind if the test runner exits early.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns `cmd args` with piped stdout/stderr and captures stdout lines.
 *
 * @param options.env - full environment for the child (default: `process.env`)
 * @param options.cwd - working directory (default: `process.cwd()`)
 * @example
 * ```ts
 * const svc = spawnService(process.execPath, ['--import', '@ecotrace/tracing/register', 'app.mjs'], { env });
 * const listening = await svc.waitForLine((l) => l.includes('listening'));
 * await svc.stop('SIGTERM');
 * ```
 */
export function spawnService(
  cmd: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): SpawnedService {
  const child = spawn(cmd, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const out: string[] = [];
  let err = '';
  const waiters = new Set<() => void>();
  let done = false;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    out.push(line);
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      // Let readline deliver the last lines before anyone asserts on them.
      setImmediate(() => {
        done = true;
        resolve({ code, signal });
        for (const wake of waiters) wake();
      });
    });
  });

  return {
    child,
    pid: child.pid,
    lines: () => [...out],
    stderr: () => err,
    exited,
    waitForLine(pred, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`waitForLine: timed out after ${timeoutMs} ms`)),
          timeoutMs,
        );
        const finish = (error: Error | null, line?: string): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error)
            reject(new Error(`${error.message}\nstdout:\n${out.join('\n')}\nstderr:\n${err}`));
          else resolve(line as string);
        };
        const check = (): void => {
          const line = out.find(pred);
          if (line !== undefined) finish(null, line);
          else if (done) finish(new Error('waitForLine: process exited'));
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', killAfterMs = 10_000) {
      if (!done) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * Polls `url` with GET until it answers (any status) or `timeoutMs` (default 10 s) passes.
 *
 * @example
 * ```ts
 * await waitForHttp('http://127.0.0.1:3000/healthz');
 * ```
 */
export async function waitForHttp(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`waitForHttp: ${url} did not answer within ${timeoutMs} ms: ${String(last)}`);
}
