import { setTracingState } from '@ecotrace/core';
import { trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { capture } from '../../test/helpers/capture.js';
import { runWithRequestContext } from './request-context.js';
import { runWithTraceContext } from './run-with-trace-context.js';

// Created before tracing starts, as in an app that builds its logger at import time.
const early = capture();
const exporter = new InMemorySpanExporter();
let sdk: NodeSDK | undefined;

afterAll(async () => {
  setTracingState(undefined);
  await sdk?.shutdown();
});

describe('trace correlation without tracing', () => {
  it('uses the request context ids (sidecar-only mode), and nothing outside a request', () => {
    early.log.info('outside');
    runWithRequestContext(
      {
        logger: early.log,
        trace: {
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: 'b7ad6b7169203331',
          sampled: true,
        },
        transactionId: 'ffffffffffffffff',
      },
      () => early.log.info('inside'),
    );
    const [outside, inside] = early.records();
    expect(outside!['trace.id']).toBeUndefined();
    expect(inside).toMatchObject({
      'trace.id': '0af7651916cd43dd8448eb211c80319c',
      'span.id': 'b7ad6b7169203331',
    });
    // transaction.id names our server span, which does not exist without tracing.
    expect(inside!['transaction.id']).toBeUndefined();
  });

  it('runWithTraceContext takes ids or headers (B3 multi, B3 single, traceparent)', () => {
    const { log, records } = capture();
    runWithTraceContext(
      { traceId: '0AF7651916CD43DD8448EB211C80319C', spanId: 'B7AD6B7169203331' },
      () => log.info('ids'),
    );
    runWithTraceContext(
      {
        'x-b3-traceid': '463ac35c9f6413ad',
        'x-b3-spanid': 'a2fb4a1d1a96d312',
        'x-b3-sampled': '1',
      },
      () => log.info('b3 64-bit'),
    );
    runWithTraceContext({ b3: '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1' }, () =>
      log.info('b3 single'),
    );
    runWithTraceContext(
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      () => log.info('w3c'),
    );
    runWithTraceContext({ traceId: 'nope', spanId: 'x' }, () => log.info('invalid'));
    const ids = records().map((r) => [r['trace.id'], r['span.id']]);
    expect(ids).toEqual([
      ['0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331'],
      ['0000000000000000463ac35c9f6413ad', 'a2fb4a1d1a96d312'],
      ['80f198ee56343ba864fe8b2a57d3eff7', 'e457b5a2e4d86bd1'],
      ['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7'],
      [undefined, undefined],
    ]);
  });

  it('a caller cannot override the context ids; its ids are displaced', () => {
    const { log, last } = capture();
    runWithTraceContext(
      { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' },
      () => log.info({ trace: { id: '11111111111111111111111111111111' } }, 'x'),
    );
    expect(last()).toMatchObject({
      'trace.id': '0af7651916cd43dd8448eb211c80319c',
      'ecotrace.displaced.trace.id': '11111111111111111111111111111111',
    });
  });
});

describe('trace correlation with the real OTel SDK', () => {
  it('writes the active span ids, read at write time by a logger created earlier', async () => {
    sdk = new NodeSDK({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
      instrumentations: [],
    });
    sdk.start();
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('server', async (server) => {
      runWithRequestContext(
        { logger: early.log, transactionId: server.spanContext().spanId },
        () => {
          tracer.startActiveSpan('db', (db) => {
            early.log.info('in db span');
            db.end();
          });
        },
      );
      await new Promise((r) => setTimeout(r, 5));
      early.log.info('after await');
      server.end();
    });
    // The SDK exports after resource detection settles: wait for both spans.
    for (let i = 0; i < 500 && exporter.getFinishedSpans().length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const spans = exporter.getFinishedSpans();
    const db = spans.find((s) => s.name === 'db')!;
    const server = spans.find((s) => s.name === 'server')!;
    const lines = early.records().slice(-2);
    expect(lines[0]).toMatchObject({
      'trace.id': db.spanContext().traceId,
      'span.id': db.spanContext().spanId,
      'transaction.id': server.spanContext().spanId,
    });
    expect(lines[1]).toMatchObject({
      'trace.id': server.spanContext().traceId,
      'span.id': server.spanContext().spanId,
    });
    expect(lines[1]!['transaction.id']).toBeUndefined();
  });

  it('the active span wins over the request context ids', () => {
    const tracer = trace.getTracer('test');
    const { log, last } = capture();
    runWithTraceContext(
      { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' },
      () =>
        tracer.startActiveSpan('job', (span) => {
          log.info('x');
          span.end();
        }),
    );
    expect(last()['trace.id']).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(last()['trace.id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('warns once (ECOTRACE_NO_ACTIVE_SPAN) when tracing runs, headers came, but no span is active', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    setTracingState({ started: true, serviceName: 'test-svc' });
    const { log } = capture();
    const ctx = {
      logger: log,
      traceHeadersPresent: true,
      trace: {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        sampled: true,
      },
    };
    runWithRequestContext(ctx, () => {
      log.info('one');
      log.info('two');
    });
    const codes = warn.mock.calls.map((c) => (c[1] as { code?: string } | undefined)?.code);
    expect(codes.filter((c) => c === 'ECOTRACE_NO_ACTIVE_SPAN')).toHaveLength(1);
    warn.mockRestore();
  });
});
