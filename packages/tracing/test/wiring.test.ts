// Issue 17 items 2–5: the ways apps are wired that the two-service tests do not take: tracing
// started in code under ESM, exporter `none`, exporter `console`, and ends without a signal.
import { createServer, type Server, type Socket } from 'node:net';
import { type OtlpReceiver, SpanKind, spawnService, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EchoResponse,
  fixture,
  logLines,
  packageDir,
  startService,
  tracedEnv,
} from './helpers.js';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

const B3 = (traceId: string, spanId: string) => ({
  'x-b3-traceid': traceId,
  'x-b3-spanid': spanId,
  'x-b3-sampled': '1',
});

describe('startTracing() in code under ESM (examples/in-code)', () => {
  it('node --import ./tracing.mjs app.mjs: Express spans, as with the register entry', async () => {
    const svc = spawnService(
      process.execPath,
      ['--import', './examples/in-code/tracing.mjs', './examples/in-code/app.mjs'],
      { env: tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'in-code-esm' }), cwd: packageDir },
    );
    try {
      const port = (
        JSON.parse(await svc.waitForLine((l) => l.includes('"listening"'), 30_000)) as {
          'server.port': number;
        }
      )['server.port'];
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const res = await fetch(`http://127.0.0.1:${port}/orders/3`, {
        headers: B3(traceId, '00f067aa0ba902b7'),
      });
      expect(((await res.json()) as { traceId: string }).traceId).toBe(traceId);
      // Express's spans end before the server span, so they are exported with it or before it.
      const spans = await receiver.waitForSpans(
        (all) => all.some((s) => s.traceId === traceId && s.kind === SpanKind.SERVER),
        20_000,
      );
      const ours = spans.filter((s) => s.traceId === traceId);
      expect(ours.find((s) => s.kind === SpanKind.SERVER)?.name).toBe('GET /orders/:id');
      expect(ours.some((s) => s.scope === '@opentelemetry/instrumentation-express')).toBe(true);
    } finally {
      await svc.stop();
    }
  }, 60_000);
});

describe('OTEL_TRACES_EXPORTER=none: spans made, not exported', () => {
  it('ids for requests without trace headers, and the next hop gets our span as parent', async () => {
    const env = tracedEnv(receiver.url, { OTEL_TRACES_EXPORTER: 'none' });
    const b = await startService('service-b.mjs', { ...env, OTEL_SERVICE_NAME: 'none-b' });
    const a = await startService('service-a.mjs', {
      ...env,
      OTEL_SERVICE_NAME: 'none-a',
      SERVICE_B_URL: b.url,
    });
    try {
      // Headers from Envoy: A's span is a child of Envoy's, and B's parent is A's client span.
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const envoySpan = 'b7ad6b7169203331';
      const withHeaders = (await (
        await fetch(`${a.url}/orders/1`, { headers: B3(traceId, envoySpan) })
      ).json()) as EchoResponse;
      expect(withHeaders.span?.traceId).toBe(traceId);
      expect(withHeaders.span?.spanId).not.toBe(envoySpan);
      expect(withHeaders.fromB.headers['x-b3-traceid']).toBe(traceId);
      expect(withHeaders.fromB.headers['x-b3-spanid']).not.toBe(envoySpan);
      expect(withHeaders.fromB.span?.parentSpanId).toBe(withHeaders.fromB.headers['x-b3-spanid']);

      // No trace headers: a new trace, whose ids the logs of both services carry.
      const fresh = (await (await fetch(`${a.url}/orders/2`)).json()) as EchoResponse;
      expect(fresh.span?.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(fresh.fromB.span?.traceId).toBe(fresh.span?.traceId);
      await b.svc.waitForLine((l) => l.includes('b handling echo') && l.includes('"2"'));
      const bLine = logLines(b.svc).find(
        (l) => (l.order as { id?: string } | undefined)?.id === '2',
      );
      expect(bLine?.['trace.id']).toBe(fresh.span?.traceId);
      expect(bLine?.['span.id']).toBe(fresh.fromB.span?.spanId);
      // …and nothing was exported: not before, nor by the SIGTERM flush that exports whatever
      // is still queued (a fixed wait could end before a busy process's first export).
      await Promise.all([a.svc.stop(), b.svc.stop()]);
      expect(receiver.spans().filter((s) => s.serviceName?.startsWith('none-'))).toEqual([]);
    } finally {
      await Promise.all([a.svc.stop(), b.svc.stop()]);
    }
  }, 60_000);
});

describe('OTEL_TRACES_EXPORTER=console', () => {
  it('writes one JSON line per span to stderr; stdout stays log lines only', async () => {
    const b = await startService(
      'service-b.mjs',
      tracedEnv(receiver.url, { OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'console' }),
    );
    const echo = (await (
      await fetch(`${b.url}/echo/1`, {
        headers: B3('5b8efff798038103d269b633813fc60c', 'eee19b7ec3c1b174'),
      })
    ).json()) as EchoResponse['fromB'];
    const deadline = Date.now() + 10_000;
    while (!b.svc.stderr().includes(echo.span?.spanId as string) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await b.svc.stop();
    for (const line of b.svc.lines()) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed['@timestamp'], line).toBeDefined();
    }
    const spanLines = b.svc
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const server = spanLines.find((s) => s.spanId === echo.span?.spanId);
    expect(server).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      parentSpanId: 'eee19b7ec3c1b174',
      kind: 'SERVER',
      service: 'console',
    });
  }, 60_000);
});

/** A collector that accepts connections and never answers. */
async function silentCollector(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

interface JobRun {
  code: number | null;
  stderr: string;
  lines: Record<string, unknown>[];
}

/** When the job's process ended, by its own clock (the fixture's `exit` line). */
function exitAt(run: JobRun): number {
  const at = run.lines.find((l) => l.message === 'exit')?.at;
  expect(at, `no exit line:\n${run.stderr}`).toBeTypeOf('number');
  return at as number;
}

async function runJob(mode: string, endpoint: string, extra: Record<string, string> = {}) {
  const svc = spawnService(process.execPath, [fixture('job.mjs')], {
    // A 60 s batch delay: spans can only leave through an exit flush.
    env: tracedEnv(endpoint, { MODE: mode, OTEL_BSP_SCHEDULE_DELAY: '60000', ...extra }),
    cwd: packageDir,
  });
  const exit = await svc.exited;
  return {
    code: exit.code,
    stderr: svc.stderr(),
    lines: logLines(svc),
  } satisfies JobRun;
}

describe('ends without a signal', () => {
  it('a job whose event loop runs dry: spans flushed at beforeExit, exit 0', async () => {
    const run = await runJob('end', receiver.url, { OTEL_SERVICE_NAME: 'job-end' });
    expect(run.code).toBe(0);
    const spanId = run.lines[0]?.spanId as string;
    await receiver.waitForSpans((all) => all.some((s) => s.spanId === spanId), 5_000);
  }, 30_000);

  it.each([
    ['crash', /job failed: boom/],
    ['reject', /job failed: rejected/],
  ])(
    '%s: spans flushed, the error printed, exit 1',
    async (mode, message) => {
      const run = await runJob(mode, receiver.url, { OTEL_SERVICE_NAME: `job-${mode}` });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      const spanId = run.lines[0]?.spanId as string;
      await receiver.waitForSpans((all) => all.some((s) => s.spanId === spanId), 5_000);
    },
    30_000,
  );

  it.each([
    ['OTLP', {}],
    ['Zipkin', { OTEL_TRACES_EXPORTER: 'zipkin' }],
  ])(
    '%s, a collector that never answers: shutdown resolves at its bound and the process ends right after',
    async (_name, extra: Record<string, string>) => {
      const silent = await silentCollector();
      const env = {
        BOUND_MS: '1000',
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${silent.url}/api/v2/spans`,
        ...extra,
      };
      try {
        const run = await runJob('shutdown', silent.url, env);
        expect(run.code).toBe(0);
        const resolved = run.lines.find((l) => l.message === 'shutdown resolved');
        expect(resolved?.ms).toBeGreaterThanOrEqual(950);
        // Without the bound: OTLP's own 10 s timeout, or never (Zipkin). Timed on the child's own
        // clock, with room for a starved process on a loaded machine, still well under 10 s.
        expect(resolved?.ms).toBeLessThan(5000);
        // OTLP's own timeout is 10 s, Zipkin has none: the stuck export must not hold the process.
        expect(exitAt(run) - (resolved?.at as number)).toBeLessThan(5000);

        const ended = await runJob('end', silent.url, env);
        expect(ended.code).toBe(0);
        const wait = exitAt(ended) - (ended.lines[0]?.at as number);
        expect(wait).toBeGreaterThanOrEqual(950);
        expect(wait).toBeLessThan(6000);
      } finally {
        await silent.close();
      }
    },
    60_000,
  );
});
