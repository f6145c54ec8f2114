// fastifyLoggerOptions turns Fastify's own request logging off without a deprecation warning
// (FSTDEP023 on Fastify 5.12), on every Fastify we support. Real apps in child processes, from
// the built package (dist), so `turbo run test` builds first. The two control modes prove that
// this environment does show the warning and Fastify's lines when they are there.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnService } from '@ecotrace/testkit';
import { describe, expect, it } from 'vitest';
import { ecsErrors } from './helpers/capture.js';

const FIXTURE = resolve(import.meta.dirname, 'fastify-fixtures', 'request-logging.mjs');
const FASTIFY_LINES = /"message":"(incoming request|request completed)"/;

interface Outcome {
  stdout: string[];
  stderr: string;
  records: Record<string, unknown>[];
}

async function runApp(fastify: string, mode = 'ours'): Promise<Outcome> {
  // NODE_OPTIONS cleared: a --no-warnings there would hide the very warning we look for.
  const env = { ...process.env, FASTIFY: fastify, MODE: mode, NODE_OPTIONS: '', LOG_LEVEL: '' };
  const svc = spawnService(process.execPath, [FIXTURE], { env, cwd: import.meta.dirname });
  const { code } = await Promise.race([
    svc.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`fixture hung; stderr: ${svc.stderr()}`)), 60_000),
    ),
  ]);
  expect(code, svc.stderr()).toBe(0);
  const stdout = svc.lines();
  return {
    stdout,
    stderr: svc.stderr(),
    records: stdout.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe.each([
  ['Fastify 5.12', 'fastify', 'genReqId,childLoggerFactory,loggerInstance,logController'],
  ['Fastify 5.9', 'fastify59', 'genReqId,childLoggerFactory,disableRequestLogging,loggerInstance'],
  [
    'Fastify 4',
    'fastify4',
    'genReqId,childLoggerFactory,disableRequestLogging,logger,requestIdHeader',
  ],
] as const)('fastifyLoggerOptions(createLogger()) on %s', (_name, fastify, keys) => {
  it('prints no deprecation warning and none of Fastify’s request lines, only ours', async () => {
    const { stdout, stderr, records } = await runApp(fastify);
    expect(stderr).not.toMatch(/FSTDEP|DeprecationWarning/);
    expect(stdout.filter((line) => FASTIFY_LINES.test(line))).toEqual([]);
    for (const line of stdout) expect(ecsErrors(line)).toEqual([]);
    const messages = records.map((r) => String(r.message));
    // Fastify's start-up line stays (it is not request logging).
    expect(messages.filter((m) => !m.startsWith('Server listening at '))).toEqual([
      'handler ran',
      'GET /hello 200',
      'handler ran',
      'GET /hello 200',
      'fixture done',
    ]);
    const chosen = (records.at(-1)?.labels as { options?: string } | undefined)?.options;
    expect(chosen?.split(',').sort()).toEqual(keys.split(',').sort());
  });
});

describe('the controls (the checks above can fail)', () => {
  it('the top-level disableRequestLogging prints FSTDEP023 on Fastify 5.12', async () => {
    const { stderr } = await runApp('fastify', 'top-level');
    expect(stderr).toMatch(/FSTDEP023/);
  });

  it.each(['fastify', 'fastify4'])('%s with request logging on writes its lines', async (f) => {
    const { stdout } = await runApp(f, 'fastify-default');
    expect(stdout.filter((line) => FASTIFY_LINES.test(line)).length).toBeGreaterThanOrEqual(4);
  });
});

describe.each([
  [
    'Fastify 4',
    'fastify4',
    'genReqId,childLoggerFactory,disableRequestLogging,logger,requestIdHeader',
  ],
  ['Fastify 5.12', 'fastify', 'genReqId,childLoggerFactory,loggerInstance,logController'],
] as const)('the README example, without fastifyVersion, on %s', (_name, fastify, keys) => {
  it('gets the options of the Fastify the app loaded: fastify.log and request.log write', async () => {
    // An app folder whose node_modules/fastify is this major, as an app installs it.
    const app = mkdtempSync(join(tmpdir(), 'ecotrace-fastify-app-'));
    try {
      const pkg = dirname(createRequire(import.meta.url).resolve(`${fastify}/package.json`));
      mkdirSync(join(app, 'node_modules'));
      symlinkSync(pkg, join(app, 'node_modules', 'fastify'), 'dir');
      const fixture = resolve(import.meta.dirname, 'fastify-fixtures', 'version-from-app.mjs');
      const env = { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: '' };
      const svc = spawnService(process.execPath, [fixture], { env, cwd: app });
      const { code } = await svc.exited;
      expect(code, svc.stderr()).toBe(0);
      expect(svc.stderr()).not.toMatch(/FSTDEP|DeprecationWarning/);
      const records = svc.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const line of svc.lines()) expect(ecsErrors(line)).toEqual([]);
      // Before: on Fastify 4 the Fastify 5 options were returned, Fastify ignored
      // `loggerInstance`, and fastify.log (its start-up line included) wrote nothing.
      expect(records.map((r) => String(r.message).replace(/:\d+$/, ''))).toEqual([
        'Server listening at http://127.0.0.1',
        'from fastify.log',
        'handler ran',
        'GET /hello 200',
        'fixture done',
      ]);
      const labels = records.at(-1)?.labels as { options?: string; fastify?: string };
      expect(labels.fastify?.split('.')[0]).toBe(fastify === 'fastify4' ? '4' : '5');
      expect(labels.options?.split(',').sort()).toEqual(keys.split(',').sort());
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  }, 60_000);
});
