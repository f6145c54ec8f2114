import { setRequestIdSource, TRACE_CONTEXT_HEADERS } from '@ecotrace/core';
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvoyAwareSampler } from '../sampler.js';
import { EnvoyPropagator } from './envoy-propagator.js';
import { propagatorFromNames } from './from-names.js';

const T = '463ac35c9f6413ad48485a3953bb6124';
const S = 'a2fb4a1d1a96d312';
const envoy = propagatorFromNames(['envoy', 'baggage']);
if (!envoy) throw new Error('expected a propagator');

function extract(headers: Record<string, string>) {
  return envoy?.extract(ROOT_CONTEXT, headers, defaultTextMapGetter) ?? ROOT_CONTEXT;
}
function inject(ctx = context.active()): Record<string, string> {
  const out: Record<string, string> = {};
  envoy?.inject(ctx, out, defaultTextMapSetter);
  return out;
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(envoy);
});
afterAll(() => {
  context.disable();
  propagation.disable();
});

const acceptAll = new BasicTracerProvider({
  sampler: new EnvoyAwareSampler(new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(1) })),
}).getTracer('t');

describe('EnvoyPropagator + EnvoyAwareSampler with the real SDK', () => {
  // A sampler that would deny every root: shows who decides a deferred parent.
  const denyRoots = new BasicTracerProvider({
    sampler: new EnvoyAwareSampler(
      new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0) }),
    ),
  }).getTracer('t');
  const acceptRoots = new BasicTracerProvider({
    sampler: new EnvoyAwareSampler(
      new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(1) }),
    ),
  }).getTracer('t');

  it('deferred parent: the root sampler decides (accept), and downstream gets our "1"', () => {
    const ctx = extract({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-request-id': 'req-1' });
    const span = acceptRoots.startSpan('server', { kind: SpanKind.SERVER }, ctx);
    const out = inject(trace.setSpan(ctx, span));
    expect(out).toMatchObject({
      'x-b3-traceid': T,
      'x-b3-spanid': span.spanContext().spanId,
      'x-b3-sampled': '1',
      traceparent: `00-${T}-${span.spanContext().spanId}-01`,
      'x-request-id': 'req-1',
    });
    expect(out.b3).toBeUndefined();
  });

  it('deferred parent: a denying root sampler denies, sent as "0"', () => {
    const ctx = extract({ 'x-b3-traceid': T, 'x-b3-spanid': S });
    const span = denyRoots.startSpan('server', { kind: SpanKind.SERVER }, ctx);
    expect(span.isRecording()).toBe(false);
    expect(inject(trace.setSpan(ctx, span))['x-b3-sampled']).toBe('0');
  });

  it('explicit decisions win over the root sampler, both ways', () => {
    const yes = extract({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': '1' });
    expect(denyRoots.startSpan('s', {}, yes).isRecording()).toBe(true);
    const no = extract({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-b3-sampled': '0' });
    expect(acceptRoots.startSpan('s', {}, no).isRecording()).toBe(false);
    const rootNo = extract({ 'x-b3-sampled': '0' });
    expect(acceptRoots.startSpan('s', {}, rootNo).isRecording()).toBe(false);
  });

  it('debug is recorded and passed on as x-b3-flags: 1', () => {
    const ctx = extract({ b3: `${T}-${S}-d` });
    const span = denyRoots.startSpan('server', {}, ctx);
    expect(span.isRecording()).toBe(true);
    const out = inject(trace.setSpan(ctx, span));
    expect(out['x-b3-flags']).toBe('1');
    expect(out['x-b3-sampled']).toBeUndefined();
  });

  it('an undecided remote context injected as is stays undecided (no x-b3-sampled, no traceparent)', () => {
    const out = inject(extract({ 'x-b3-traceid': T.slice(16), 'x-b3-spanid': S }));
    expect(out).toEqual({ 'x-b3-traceid': `0000000000000000${T.slice(16)}`, 'x-b3-spanid': S });
  });

  it('keeps an explicit outgoing x-request-id and drops ill-formed inbound ones', () => {
    const ctx = extract({
      'x-b3-traceid': T,
      'x-b3-spanid': S,
      'x-b3-sampled': '1',
      'x-request-id': 'in',
    });
    const carrier: Record<string, string> = { 'X-Request-Id': 'mine' };
    envoy?.inject(ctx, carrier, defaultTextMapSetter);
    expect(carrier['x-request-id']).toBeUndefined();
    expect(inject(extract({ 'x-request-id': 'bad id' }))['x-request-id']).toBeUndefined();
  });
});

describe('tracestate and x-request-id (issue 17 items 7 and 8)', () => {
  const TS = 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE';
  const W3C_PARENT = '00f067aa0ba902b7';

  it('passes tracestate from the inbound traceparent on to our server span and downstream', () => {
    const ctx = extract({ traceparent: `00-${T}-${W3C_PARENT}-01`, tracestate: TS });
    const span = acceptAll.startSpan('server', { kind: SpanKind.SERVER }, ctx);
    expect(inject(trace.setSpan(ctx, span)).tracestate).toBe(TS);
  });

  it('keeps tracestate when B3 gave the ids of the same trace, drops it for another trace', () => {
    const same = extract({
      'x-b3-traceid': T,
      'x-b3-spanid': S,
      traceparent: `00-${T}-${W3C_PARENT}-01`,
      tracestate: TS,
    });
    expect(trace.getSpanContext(same)?.traceState?.serialize()).toBe(TS);
    const other = extract({
      'x-b3-traceid': 'b'.repeat(32),
      'x-b3-spanid': S,
      traceparent: `00-${T}-${W3C_PARENT}-01`,
      tracestate: TS,
    });
    expect(trace.getSpanContext(other)?.traceState).toBeUndefined();
  });

  it('forwards the first of two inbound x-request-id values, as the logger logs it', () => {
    expect(
      inject(extract({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-request-id': 'abc-1, abc-2' }))[
        'x-request-id'
      ],
    ).toBe('abc-1');
  });

  it('forwards the id the logger reports for the current request when none came in', () => {
    setRequestIdSource(() => 'generated-1');
    try {
      expect(inject(extract({ 'x-b3-traceid': T, 'x-b3-spanid': S }))['x-request-id']).toBe(
        'generated-1',
      );
      // The inbound id wins over the logger's (an app's genReqId may differ from Envoy's).
      expect(
        inject(extract({ 'x-b3-traceid': T, 'x-b3-spanid': S, 'x-request-id': 'in' }))[
          'x-request-id'
        ],
      ).toBe('in');
    } finally {
      setRequestIdSource(undefined);
    }
  });
});

describe('EnvoyPropagator header names', () => {
  it('reads every header of the core contract through the getter, writes B3 multi + W3C', () => {
    const asked: string[] = [];
    const getter = {
      keys: () => [],
      get: (_carrier: unknown, key: string) => {
        asked.push(key);
        return undefined;
      },
    };
    new EnvoyPropagator().extract(ROOT_CONTEXT, {}, getter);
    expect(asked).toEqual([...TRACE_CONTEXT_HEADERS]);
    expect(new EnvoyPropagator().fields()).toEqual([
      'x-b3-traceid',
      'x-b3-spanid',
      'x-b3-sampled',
      'x-b3-flags',
      'traceparent',
      'tracestate',
    ]);
  });
});
