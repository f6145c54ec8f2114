// fastifyLoggerOptions turns Fastify's own request logging off without a deprecation warning
// (FSTDEP023 on Fastify 5.12), on every Fastify we support. Real apps in child processes, from
// the built package (dist), so `turbo run test` builds first. The two control modes prove that
// this environment does show the warning and Fastify's lines when they are there.
import { resolve } from 'node:path';
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
