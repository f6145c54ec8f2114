import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngressExchange, startIngress } from '../src/ingress.mjs';

// A real upstream on 127.0.0.1 that answers with the headers it received.
let upstream: Server;
let upstreamUrl: string;
let ingress: Awaited<ReturnType<typeof startIngress>>;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const status = req.url === '/teapot' ? 418 : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ headers: req.headers, method: req.method, url: req.url, body }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  ingress = await startIngress({ upstream: upstreamUrl });
});
afterAll(async () => {
  await ingress.close();
  await new Promise((r) => upstream.close(r));
});

async function send(style: string | undefined, init: RequestInit & { path?: string } = {}) {
  const headers = new Headers(init.headers);
  if (style) headers.set('x-demo-trace-style', style);
  const res = await fetch(`${ingress.url}${init.path ?? '/orders/1?x=1'}`, { ...init, headers });
  const seen = (await res.json()) as {
    headers: IncomingHttpHeaders;
    method: string;
    url: string;
    body: string;
  };
  return { res, seen, exchange: ingress.exchanges.at(-1) as IngressExchange };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('stand-in Istio ingress', () => {
  it('adds a UUID x-request-id and 128-bit sampled B3 multi headers by default', async () => {
    const { seen, exchange } = await send(undefined);
    expect(seen.headers['x-request-id']).toMatch(UUID);
    expect(seen.headers['x-b3-traceid']).toMatch(/^[0-9a-f]{32}$/);
    expect(seen.headers['x-b3-spanid']).toMatch(/^[0-9a-f]{16}$/);
    expect(seen.headers['x-b3-sampled']).toBe('1');
    expect(seen.headers['x-demo-trace-style']).toBeUndefined();
    expect(seen.url).toBe('/orders/1?x=1');
    expect(exchange).toMatchObject({
      style: 'b3-128',
      requestId: seen.headers['x-request-id'],
      traceId: seen.headers['x-b3-traceid'],
      spanId: seen.headers['x-b3-spanid'],
      sampled: true,
      status: 200,
    });
    expect(exchange.endMs).toBeGreaterThanOrEqual(exchange.startMs);
  });

  it('sends 64-bit ids and expects services to log them padded to 32', async () => {
    const { seen, exchange } = await send('b3-64');
    expect(seen.headers['x-b3-traceid']).toMatch(/^[0-9a-f]{16}$/);
    expect(exchange.sentTraceId).toBe(seen.headers['x-b3-traceid']);
    expect(exchange.traceId).toBe(`0000000000000000${seen.headers['x-b3-traceid']}`);
  });

  it('marks unsampled requests with x-b3-sampled: 0', async () => {
    const { seen, exchange } = await send('unsampled');
    expect(seen.headers['x-b3-sampled']).toBe('0');
    expect(exchange.sampled).toBe(false);
  });

  it('sends only traceparent for W3C-style requests', async () => {
    const { seen, exchange } = await send('traceparent');
    expect(Object.keys(seen.headers).filter((h) => h.startsWith('x-b3') || h === 'b3')).toEqual([]);
    expect(seen.headers.traceparent).toBe(`00-${exchange.traceId}-${exchange.spanId}-01`);
  });

  it('replaces whatever trace headers and request id the client sent, like a gateway', async () => {
    const { seen } = await send('b3-128', {
      headers: {
        'x-request-id': 'client-chosen',
        b3: '1',
        'x-b3-traceid': 'a'.repeat(32),
        traceparent: 'junk',
      },
    });
    expect(seen.headers['x-request-id']).not.toBe('client-chosen');
    expect(seen.headers.b3).toBeUndefined();
    expect(seen.headers.traceparent).toBeUndefined();
    expect(seen.headers['x-b3-traceid']).not.toBe('a'.repeat(32));
  });

  it('forwards method, body and status', async () => {
    const { res, seen, exchange } = await send('b3-128', {
      method: 'POST',
      path: '/teapot',
      body: JSON.stringify({ sku: 'tea' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(418);
    expect(seen.method).toBe('POST');
    expect(JSON.parse(seen.body)).toEqual({ sku: 'tea' });
    expect(exchange.status).toBe(418);
  });

  it('answers 502 when the upstream is down', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const lonely = await startIngress({ upstream: `http://127.0.0.1:${port}` });
    try {
      const res = await fetch(`${lonely.url}/x`);
      expect(res.status).toBe(502);
      expect(lonely.exchanges[0]?.status).toBe(502);
    } finally {
      await lonely.close();
    }
  });

  it('gives every request its own ids', async () => {
    const before = ingress.exchanges.length;
    await Promise.all(Array.from({ length: 20 }, () => send('b3-128')));
    const fresh = ingress.exchanges.slice(before);
    expect(new Set(fresh.map((e) => e.traceId)).size).toBe(20);
    expect(new Set(fresh.map((e) => e.requestId)).size).toBe(20);
  });
});
