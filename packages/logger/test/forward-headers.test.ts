// Sidecar-only mode (issue 17 item 9): without a tracing SDK, nothing adds trace headers to an
// app's outgoing requests, and Istio's next sidecar starts a new trace. forwardHeaders() gives
// the current request's headers to forward. Two real services on 127.0.0.1, no OTel SDK: A
// calls B with fetch and node:http; B logs; both logs must name one trace and one request id.
import { resolve } from 'node:path';
import { type SpawnedService, spawnService } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURES = {
  Express: resolve(import.meta.dirname, 'forward-fixtures', 'service.mjs'),
  Fastify: resolve(import.meta.dirname, 'forward-fixtures', 'service-fastify.mjs'),
};
const T = '80f198ee56343ba864fe8b2a57d3eff7';
const ENVOY_SPAN = 'e457b5a2e4d86bd1';
const TRACESTATE = 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE';

interface Running {
  svc: SpawnedService;
  url: string;
}
interface Answer {
  forwarded: Record<string, string>;
  next: { headers: Record<string, string | undefined> };
}

async function start(file: string, env: Record<string, string>): Promise<Running> {
  const svc = spawnService(process.execPath, [file], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    cwd: resolve(import.meta.dirname, '..'),
  });
  const line = await svc.waitForLine((l) => l.includes('"listening"'), 20_000);
  return { svc, url: `http://127.0.0.1:${JSON.parse(line)['server.port']}` };
}

function records(svc: SpawnedService): Record<string, unknown>[] {
  return svc.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe.each([
  ['Express', 'fetch'],
  ['Express', 'http'],
  ['Fastify', 'fetch'],
  ['Fastify', 'http'],
] as const)(
  'forwardHeaders() without tracing: A and B on %s, A calls B with %s',
  (framework, client) => {
    let a: Running;
    let b: Running;
    beforeAll(async () => {
      b = await start(FIXTURES[framework], {});
      a = await start(FIXTURES[framework], { NEXT_URL: b.url });
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.svc.stop(), b?.svc.stop()]);
    });

    it('B gets the trace headers A received, and both log one trace and one request id', async () => {
      const inbound = {
        'x-request-id': `req-${client}`,
        'x-b3-traceid': T,
        'x-b3-spanid': ENVOY_SPAN,
        'x-b3-parentspanid': '05e3ac9a4f6e3b90',
        'x-b3-sampled': '1',
        traceparent: `00-${T}-00f067aa0ba902b7-01`,
        tracestate: TRACESTATE,
        b3: `${T}-00f067aa0ba902b7-1`,
      };
      const res = await fetch(`${a.url}/call/${client}`, { headers: inbound });
      const body = (await res.json()) as Answer;
      const got = body.next.headers;
      for (const name of [
        'x-request-id',
        'x-b3-traceid',
        'x-b3-spanid',
        'x-b3-parentspanid',
        'x-b3-sampled',
        'traceparent',
        'tracestate',
      ] as const) {
        expect(got[name], name).toBe(inbound[name]);
      }
      // The sidecar rewrote x-b3-*, never b3: the stale b3 is not passed on.
      expect(got.b3).toBeUndefined();
      await b.svc.waitForLine((l) => l.includes(`req-${client}`) && l.includes('"echo"'));
      const bLine = records(b.svc).find((r) => r['http.request.id'] === `req-${client}`);
      expect(bLine?.['trace.id']).toBe(T);
      expect(bLine?.['span.id']).toBe(ENVOY_SPAN);
    });

    it('an id A generated (none came in) reaches B, the same in both logs', async () => {
      const res = await fetch(`${a.url}/call/${client}`, {
        headers: { 'x-b3-traceid': T, 'x-b3-spanid': ENVOY_SPAN, 'x-b3-sampled': '0' },
      });
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const body = (await res.json()) as Answer;
      expect(body.next.headers['x-request-id']).toBe(id);
      expect(body.next.headers['x-b3-sampled']).toBe('0');
      await b.svc.waitForLine((l) => l.includes(id as string) && l.includes('"echo"'));
      await a.svc.waitForLine((l) => l.includes(id as string) && l.includes('"called next"'));
    });

    it('a lone b3 single header (no x-b3-* from a sidecar) is forwarded as received', async () => {
      const b3 = `${T}-${ENVOY_SPAN}-1`;
      const body = (await (
        await fetch(`${a.url}/call/${client}`, { headers: { b3 } })
      ).json()) as Answer;
      expect(body.next.headers.b3).toBe(b3);
    });

    it('without it, nothing propagates (what Istio warns about)', async () => {
      const res = await fetch(`${a.url}/call/${client}?plain=1`, {
        headers: { 'x-b3-traceid': T, 'x-b3-spanid': ENVOY_SPAN, 'x-request-id': 'lost' },
      });
      const got = ((await res.json()) as Answer).next.headers;
      expect(got['x-b3-traceid']).toBeUndefined();
      expect(got['x-request-id']).toBeUndefined();
    });
  },
);
