// One service identity for logs and spans (issue 17 item 6): the service.* on the log lines and
// the spans' resource, with tracing started by the register entry, in code before the logger,
// and in code after it. Real child processes, the real SDK, spans over OTLP.
import { randomUUID } from 'node:crypto';
import { type OtlpReceiver, spawnService, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, packageDir, tracedEnv } from './helpers.js';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

// The fixtures run in packages/tracing: with nothing set, package.json names the service.
const PACKAGE_NAME = '@ecotrace/tracing';

interface Outcome {
  logService: Record<string, unknown>;
  spanService: string | undefined;
  spanVersion: unknown;
  stderr: string;
}

async function run(env: Record<string, string>): Promise<Outcome> {
  const preload =
    env.ORDER === 'preloaded' ? [env.PRELOAD ?? '--require', '@ecotrace/tracing/register'] : [];
  const svc = spawnService(process.execPath, [...preload, fixture('identity-app.cjs')], {
    env: tracedEnv(receiver.url, env),
    cwd: packageDir,
  });
  try {
    const listening = JSON.parse(await svc.waitForLine((l) => l.includes('"listening"'), 30_000));
    const traceId = randomUUID().replaceAll('-', '');
    await fetch(`http://127.0.0.1:${listening['server.port']}/work`, {
      headers: { 'x-b3-traceid': traceId, 'x-b3-spanid': 'e457b5a2e4d86bd1', 'x-b3-sampled': '1' },
    });
    const line = JSON.parse(await svc.waitForLine((l) => l.includes('"working"')));
    const spans = await receiver.waitForSpans((all) => all.some((s) => s.traceId === traceId));
    const span = spans.find((s) => s.traceId === traceId);
    return {
      logService: Object.fromEntries(
        Object.entries(line).filter(([k]) => k.startsWith('service.') || k === 'event.dataset'),
      ),
      spanService: span?.serviceName,
      spanVersion: span?.resource?.['service.version'],
      stderr: svc.stderr(),
    };
  } finally {
    await svc.stop();
  }
}

describe('one service identity for logs and spans', () => {
  it('tracing started in code with options, then createLogger(): the logs adopt its service', async () => {
    const out = await run({
      ORDER: 'tracing-first',
      TRACING_OPTIONS: JSON.stringify({ serviceName: 'checkout', serviceVersion: '2.0.0' }),
    });
    expect(out.spanService).toBe('checkout');
    expect(out.spanVersion).toBe('2.0.0');
    expect(out.logService).toMatchObject({
      'service.name': 'checkout',
      'service.version': '2.0.0',
      'event.dataset': 'checkout',
    });
    expect(out.stderr).not.toMatch(/ECOTRACE_SERVICE_MISMATCH/);
  }, 60_000);

  it("createLogger({ service }) then startTracing() from env: the spans take the logger's service", async () => {
    const out = await run({
      ORDER: 'logger-first',
      LOGGER_SERVICE: JSON.stringify({ name: 'checkout' }),
    });
    expect(out.logService['service.name']).toBe('checkout');
    expect(out.spanService).toBe('checkout');
    expect(out.stderr).not.toMatch(/ECOTRACE_SERVICE_MISMATCH/);
  }, 60_000);

  it.each(['--require', '--import'])(
    'register entry with %s (tracing first, from env), createLogger({ service }) differs: logs keep it, one warning names both',
    async (preload) => {
      // With --import, the ESM build of tracing meets the CJS build of the logger: what they
      // share lives on globalThis.
      const out = await run({
        ORDER: 'preloaded',
        PRELOAD: preload,
        LOGGER_SERVICE: JSON.stringify({ name: 'checkout' }),
      });
      expect(out.logService['service.name']).toBe('checkout');
      expect(out.spanService).toBe(PACKAGE_NAME);
      const warnings = out.stderr.match(/ECOTRACE_SERVICE_MISMATCH/g) ?? [];
      expect(warnings).toHaveLength(1);
      expect(out.stderr).toContain(`service.name: logs "checkout", spans "${PACKAGE_NAME}"`);
    },
    60_000,
  );

  it('logger created first without options, startTracing({ serviceName }) differs: one warning names both', async () => {
    const out = await run({
      ORDER: 'logger-first',
      TRACING_OPTIONS: JSON.stringify({ serviceName: 'checkout' }),
    });
    expect(out.spanService).toBe('checkout');
    expect(out.logService['service.name']).toBe(PACKAGE_NAME);
    expect(out.stderr).toContain(`service.name: logs "${PACKAGE_NAME}", spans "checkout"`);
  }, 60_000);

  it('the same explicit service on both sides, or none at all: no warning, one identity', async () => {
    const both = await run({
      ORDER: 'tracing-first',
      TRACING_OPTIONS: JSON.stringify({ serviceName: 'checkout' }),
      LOGGER_SERVICE: JSON.stringify({ name: 'checkout' }),
    });
    expect([both.logService['service.name'], both.spanService]).toEqual(['checkout', 'checkout']);
    expect(both.stderr).not.toMatch(/ECOTRACE_SERVICE_MISMATCH/);
    const env = await run({ ORDER: 'preloaded', OTEL_SERVICE_NAME: 'from-env' });
    expect([env.logService['service.name'], env.spanService]).toEqual(['from-env', 'from-env']);
    expect(env.stderr).not.toMatch(/ECOTRACE_SERVICE_MISMATCH/);
  }, 60_000);
});
