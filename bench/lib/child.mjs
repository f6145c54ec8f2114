// Runs one variant in its own Node process. Every variant gets a fresh process so module caches,
// JIT state, patched modules (OTel instrumentations) and heap size never leak between variants.
// Workers talk back over the IPC channel because their stdout is the log destination
// (/dev/null when timed, a pipe when we sample lines).
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

const devNull = openSync('/dev/null', 'w');

/** Environment every worker sees, so ours and the baselines describe the same service. */
export const BENCH_ENV = {
  OTEL_SERVICE_NAME: 'checkout',
  OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.4.2,deployment.environment.name=production',
  HOSTNAME: 'checkout-7d9f8b6c5-x2x4q',
  LOG_LEVEL: 'info',
  NODE_ENV: 'production',
};

/**
 * Starts a worker script.
 * @param {string} script  absolute path of the worker
 * @param {object} config  passed as BENCH_CONFIG (JSON)
 * @param {{ cpu?: number, captureStdout?: boolean, env?: Record<string, string>, nodeArgs?: string[] }} [options]
 *   cpu: pin with `taskset -c` (default: not pinned); captureStdout: pipe stdout instead of
 *   /dev/null (default false); nodeArgs: flags for node itself, e.g. `--cpu-prof` (default none)
 * @example const w = startWorker(path, { variant: 'pino' }); const msg = await w.next('result');
 */
export function startWorker(script, config, options = {}) {
  const nodeArgs = [...(options.nodeArgs ?? []), script];
  const [command, args] =
    options.cpu === undefined
      ? [process.execPath, nodeArgs]
      : ['taskset', ['-c', String(options.cpu), process.execPath, ...nodeArgs]];
  const child = spawn(command, args, {
    stdio: ['ignore', options.captureStdout ? 'pipe' : devNull, 'pipe', 'ipc'],
    env: { ...process.env, ...BENCH_ENV, ...options.env, BENCH_CONFIG: JSON.stringify(config) },
  });
  const chunks = [];
  let stderr = '';
  child.stdout?.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const inbox = [];
  const waiting = [];
  let failure = null;
  const fail = (error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  child.on('message', (message) => {
    if (message.type === 'error') return fail(new Error(`${config.variant}: ${message.message}`));
    if (message.type === 'unavailable')
      return fail(Object.assign(new Error(message.reason), { unavailable: true }));
    const i = waiting.findIndex((w) => w.type === message.type);
    if (i >= 0) waiting.splice(i, 1)[0].resolve(message);
    else inbox.push(message);
  });
  const exited = new Promise((resolve) => {
    // 'close' (not 'exit'): it comes after the last IPC message and the end of stdout.
    child.on('close', (code, signal) => {
      if (code !== 0 || waiting.length > 0) {
        fail(new Error(`${config.variant} exited (${signal ?? code}): ${stderr.slice(-2000)}`));
      }
      resolve({ code, signal });
    });
  });
  return {
    child,
    exited,
    /** Resolves with the next message of that type. */
    next(type) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0]);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiting.push({ type, resolve, reject }));
    },
    send(message) {
      child.send(message);
    },
    stdout: () => Buffer.concat(chunks).toString('utf8'),
    stderr: () => stderr,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Runs a worker to completion and returns its `result` message plus captured stdout.
 * @example const { result } = await runWorker(path, { variant: 'pino', n: 1000 });
 */
export async function runWorker(script, config, options = {}) {
  const worker = startWorker(script, config, options);
  try {
    const result = await worker.next('result');
    await worker.exited;
    return { result, stdout: worker.stdout() };
  } finally {
    worker.kill();
  }
}
