import { type OtlpReceiver, SpanKind, spawnService, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EchoResponse, fixture, packageDir, startService, tracedEnv } from './helpers.js';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

describe('process-level behaviour of the register entry', () => {
  it('fails fast on an unknown OTEL_PROPAGATORS name, naming the variable', async () => {
    const svc = spawnService(
      process.execPath,
      ['--import', '@ecotrace/tracing/register', fixture('service-b.mjs')],
      {
        env: tracedEnv(receiver.url, { OTEL_PROPAGATORS: 'tracecontext,xray' }),
        cwd: packageDir,
      },
    );
    const exit = await svc.exited;
    expect(exit.code).toBe(1);
    expect(svc.stderr()).toMatch(/unknown propagator "xray" in OTEL_PROPAGATORS/);
    expect(svc.lines().some((l) => l.includes('"listening"'))).toBe(false);
  });

  it('on SIGTERM flushes buffered spans, then exits 143 when only ecotrace listens', async () => {
    // A 60 s batch delay: the span can only reach the receiver through the shutdown flush.
    const b = await startService(
      'service-b.mjs',
      tracedEnv(receiver.url, {
        OTEL_SERVICE_NAME: 'sigterm',
        OTEL_BSP_SCHEDULE_DELAY: '60000',
        NO_APP_SIGTERM: '1',
      }),
    );
    const body = (await (await fetch(`${b.url}/echo/9`)).json()) as EchoResponse['fromB'];
    expect(receiver.spans().some((s) => s.spanId === body.span?.spanId)).toBe(false);
    const exit = await b.svc.stop('SIGTERM', 20_000);
    expect(exit).toEqual({ code: 143, signal: null });
    const spans = await receiver.waitForSpans(
      (all) => all.some((s) => s.spanId === body.span?.spanId),
      5_000,
    );
    expect(spans.find((s) => s.spanId === body.span?.spanId)?.kind).toBe(SpanKind.SERVER);
  }, 60_000);

  it('does not trace health probes', async () => {
    const b = await startService(
      'service-b.mjs',
      tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'health' }),
    );
    const probe = (await (await fetch(`${b.url}/healthz?full=1`)).json()) as { span: unknown };
    const echo = (await (await fetch(`${b.url}/echo/1`)).json()) as EchoResponse['fromB'];
    expect(probe.span).toBeNull();
    expect(echo.span).not.toBeNull();
    await b.svc.stop();
  }, 60_000);

  it('warns once when the exporter endpoint is unreachable, and keeps serving', async () => {
    const b = await startService(
      'service-b.mjs',
      tracedEnv('http://127.0.0.1:9', {
        OTEL_SERVICE_NAME: 'unreachable',
        OTEL_BSP_EXPORT_TIMEOUT: '2000',
      }),
    );
    for (let i = 0; i < 3; i++) expect((await fetch(`${b.url}/echo/${i}`)).status).toBe(200);
    const deadline = Date.now() + 30_000;
    while (!b.svc.stderr().includes('ECOTRACE_EXPORT_FAILED') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(b.svc.stderr()).toMatch(/ECOTRACE_EXPORT_FAILED.*127\.0\.0\.1:9\/v1\/traces/);
    expect((await fetch(`${b.url}/echo/after`)).status).toBe(200);
    expect(b.svc.stderr().match(/ECOTRACE_EXPORT_FAILED/g)?.length).toBe(1);
    await b.svc.stop();
  }, 60_000);
});

describe('logger created before startTracing()', () => {
  it('still writes the exported server trace and span ids', async () => {
    const svc = spawnService(process.execPath, [fixture('logger-first.cjs')], {
      env: tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'logger-first' }),
      cwd: packageDir,
    });
    const port = (
      JSON.parse(await svc.waitForLine((l) => l.includes('"listening"'), 30_000)) as {
        'server.port': number;
      }
    )['server.port'];
    const traceId = 'aaf198ee56343ba864fe8b2a57d3eff7';
    await fetch(`http://127.0.0.1:${port}/work/5`, {
      headers: { 'x-b3-traceid': traceId, 'x-b3-spanid': 'e457b5a2e4d86bd1', 'x-b3-sampled': '1' },
    });
    const line = JSON.parse(await svc.waitForLine((l) => l.includes('"working"'))) as Record<
      string,
      string
    >;
    expect(line['trace.id']).toBe(traceId);
    const spans = await receiver.waitForSpans(
      (all) => all.some((s) => s.spanId === line['span.id']),
      20_000,
    );
    expect(spans.find((s) => s.spanId === line['span.id'])?.traceId).toBe(traceId);
    await svc.stop();
  }, 60_000);
});

describe('exporters and self-checks', () => {
  it.each([
    ['OTLP protobuf by default', {}, 'otlp-protobuf'],
    [
      'OTLP JSON with OTEL_EXPORTER_OTLP_PROTOCOL=http/json',
      { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      'otlp-json',
    ],
    ['Zipkin with OTEL_TRACES_EXPORTER=zipkin', { OTEL_TRACES_EXPORTER: 'zipkin' }, 'zipkin'],
  ] as const)(
    '%s',
    async (_name, extra, protocol) => {
      const env = tracedEnv(receiver.url, {
        OTEL_SERVICE_NAME: `export-${protocol}`,
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${receiver.url}/api/v2/spans`,
        ...extra,
      });
      const b = await startService('service-b.mjs', env);
      const echo = (await (await fetch(`${b.url}/echo/1`)).json()) as EchoResponse['fromB'];
      const spans = await receiver.waitForSpans(
        (all) => all.some((s) => s.spanId === echo.span?.spanId),
        20_000,
      );
      const server = spans.find((s) => s.spanId === echo.span?.spanId);
      expect(server).toMatchObject({
        protocol,
        serviceName: `export-${protocol}`,
        kind: SpanKind.SERVER,
      });
      // The exporter's own requests must not be traced (that would feed back forever). A span
      // of the first export would be queued by now: the SIGTERM flush sends it before exit.
      await b.svc.stop();
      const own = receiver
        .spans()
        .filter((s) => s.serviceName === `export-${protocol}` && s.kind === SpanKind.CLIENT);
      expect(own).toEqual([]);
    },
    60_000,
  );

  it('warns once when no B3 propagator is configured (Envoy headers would be ignored)', async () => {
    const b = await startService(
      'service-b.mjs',
      tracedEnv(receiver.url, { OTEL_PROPAGATORS: 'tracecontext' }),
    );
    expect(b.svc.stderr()).toMatch(/ECOTRACE_NO_B3_PROPAGATOR/);
    await b.svc.stop();
  }, 60_000);
});
