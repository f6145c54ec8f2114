// What service A forwards to service B besides the trace ids: x-request-id (issue 17 item 7,
// issue 18) and tracestate (item 8). Real services on 127.0.0.1 under the register entry; B
// echoes the headers it received, A calls it with fetch and with node:http.
import { request } from 'node:http';
import { type OtlpReceiver, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningService, startService, tracedEnv } from './helpers.js';

interface Forwarded {
  requestId?: string;
  fromB: { headers: Record<string, string | undefined> };
}

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const ENVOY_SPAN = 'e457b5a2e4d86bd1';
const CLIENT_SPAN = '00f067aa0ba902b7';
const TRACESTATE = 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE';
const clients = ['fetch', 'http'] as const;

let receiver: OtlpReceiver;
let plainA: RunningService;
let b: RunningService;
// A with the logger's middleware: Express and Fastify.
const withLogger: Record<string, RunningService> = {};

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  b = await startService('service-b.mjs', tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'b' }));
  const env = tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'a', SERVICE_B_URL: b.url });
  [withLogger.Express, withLogger.Fastify, plainA] = await Promise.all([
    startService('forward-a.mjs', env),
    startService('forward-a-fastify.mjs', env),
    startService('service-a.mjs', env),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([...Object.values(withLogger), plainA, b].map((s) => s?.svc.stop()));
  await receiver?.close();
});

/** GET with headers sent exactly as given: an array value becomes that many header lines. */
function get(
  url: string,
  headers: Record<string, string | string[]>,
): Promise<{ headers: Record<string, string | string[] | undefined>; body: Forwarded }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ headers: res.headers, body: JSON.parse(text) as Forwarded }));
    })
      .on('error', reject)
      .end();
  });
}

describe.each(['Express', 'Fastify'])('A on %s with the logger', (framework) => {
  let a: RunningService;
  beforeAll(() => {
    a = withLogger[framework] as RunningService;
  });

  describe('x-request-id forwarding', () => {
    it.each(clients)("the app's own x-request-id wins, untouched (%s)", async (client) => {
      const { body } = await get(`${a.url}/${client}/1?own=mine-${client}`, {
        'x-request-id': `in-${client}`,
      });
      expect(body.fromB.headers['x-request-id']).toBe(`mine-${client}`);
    });

    it.each(clients)(
      'an id the logger generated (none came in) is forwarded, so the request keeps one id (%s)',
      async (client) => {
        const { headers, body } = await get(`${a.url}/${client}/2`, {});
        expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(headers['x-request-id']).toBe(body.requestId);
        expect(body.fromB.headers['x-request-id']).toBe(body.requestId);
      },
    );
  });

  describe('tracestate forwarding with the default propagators (envoy,baggage)', () => {
    it.each(clients)('traceparent + tracestate reach the next service (%s)', async (client) => {
      const { body } = await get(`${a.url}/${client}/4`, {
        traceparent: `00-${T}-${CLIENT_SPAN}-01`,
        tracestate: TRACESTATE,
      });
      const sent = body.fromB.headers;
      expect(sent.traceparent).toMatch(new RegExp(`^00-${T}-[0-9a-f]{16}-01$`));
      expect(sent.tracestate).toBe(TRACESTATE);
    });

    it.each(clients)(
      'kept when Envoy rewrote x-b3-* for the same trace (Istio: W3C in, B3 from the sidecar) (%s)',
      async (client) => {
        const { body } = await get(`${a.url}/${client}/5`, {
          traceparent: `00-${T}-${CLIENT_SPAN}-01`,
          tracestate: TRACESTATE,
          'x-b3-traceid': T,
          'x-b3-spanid': ENVOY_SPAN,
          'x-b3-sampled': '1',
        });
        const sent = body.fromB.headers;
        expect(sent['x-b3-traceid']).toBe(T);
        expect(sent.tracestate).toBe(TRACESTATE);
      },
    );

    it.each(clients)(
      "not forwarded when B3 names another trace (the tracestate belongs to traceparent's) (%s)",
      async (client) => {
        const other = 'a'.repeat(32);
        const { body } = await get(`${a.url}/${client}/6`, {
          traceparent: `00-${T}-${CLIENT_SPAN}-01`,
          tracestate: TRACESTATE,
          'x-b3-traceid': other,
          'x-b3-spanid': ENVOY_SPAN,
          'x-b3-sampled': '1',
        });
        const sent = body.fromB.headers;
        expect(sent['x-b3-traceid']).toBe(other);
        expect(sent.tracestate).toBeUndefined();
      },
    );
  });

  describe("the logger's forwardHeaders() while tracing runs", () => {
    it.each(clients)(
      'is empty, so an app written for sidecar-only mode sends each header once, from our span (%s)',
      async (client) => {
        const { body } = await get(`${a.url}/${client}/7?forward=1`, {
          'x-request-id': 'in-7',
          'x-b3-traceid': T,
          'x-b3-spanid': ENVOY_SPAN,
          'x-b3-sampled': '1',
        });
        const sent = body.fromB.headers;
        expect(sent['x-request-id']).toBe('in-7');
        expect(sent['x-b3-traceid']).toBe(T);
        expect(sent['x-b3-spanid']).toMatch(/^[0-9a-f]{16}$/);
        expect(sent['x-b3-spanid']).not.toBe(ENVOY_SPAN);
      },
    );
  });
});

describe('x-request-id forwarding without the logger', () => {
  it.each([
    ['fetch', 'fetch'],
    ['http', 'orders'],
  ])(
    'two inbound x-request-id values: the first is forwarded, as the logger logs it (%s)',
    async (_client, path) => {
      const { body } = await get(`${plainA.url}/${path}/3`, { 'x-request-id': ['abc-1', 'abc-2'] });
      expect(body.fromB.headers['x-request-id']).toBe('abc-1');
    },
  );
});
