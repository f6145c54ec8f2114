// @ts-check
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import { extractTraceContext } from '@ecotrace/core';
import { TRACE_STYLES, traceHeadersFor } from './trace-styles.mjs';

/** @typedef {import('./trace-styles.mjs').TraceStyle} TraceStyle */

/**
 * One request as the gateway saw it: what it sent upstream and what came back.
 * @typedef {object} IngressExchange
 * @property {number} seq          order of arrival, from 0
 * @property {string} method
 * @property {string} path
 * @property {TraceStyle} style
 * @property {string} requestId    the x-request-id it generated
 * @property {string} sentTraceId  the trace id as written on the wire (16 or 32 hex)
 * @property {string} traceId      the same id as services must log it (@ecotrace/core's rule)
 * @property {string} spanId       the gateway's span: parent of the service's server span
 * @property {boolean} sampled
 * @property {number} startMs      epoch milliseconds (fractional)
 * @property {number} endMs
 * @property {number} status       upstream status, or 502 when the upstream was unreachable
 */

/** Header a demo client sets to pick the trace style; the gateway removes it. */
export const STYLE_HEADER = 'x-demo-trace-style';

// Envoy treats every request reaching the gateway as external: it replaces x-request-id and
// starts the trace itself, so whatever the client sent for these is dropped.
const DROPPED = new Set([
  'host',
  'connection',
  'keep-alive',
  'x-request-id',
  'b3',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'traceparent',
  'tracestate',
  STYLE_HEADER,
]);

const nowMs = () => performance.timeOrigin + performance.now();

/**
 * Starts a reverse proxy on 127.0.0.1 that stands in for the Istio ingress gateway and the
 * sidecar: per request it adds a UUID `x-request-id` and the trace headers Envoy would add
 * (style from the `x-demo-trace-style` request header, default `b3-128`), forwards to
 * `upstream`, and records the exchange.
 *
 * @param {{ upstream: string, port?: number }} options `upstream`: base URL of the service
 *   (http only); `port`: default 0 (ephemeral).
 * @returns {Promise<{ url: string, exchanges: IngressExchange[], close: () => Promise<void> }>}
 * @example
 * const ingress = await startIngress({ upstream: 'http://127.0.0.1:3000' });
 * await fetch(`${ingress.url}/orders/1`, { headers: { 'x-demo-trace-style': 'b3-64' } });
 * ingress.exchanges[0].traceId; // '0000000000000000' + the 16-hex id it sent
 * await ingress.close();
 */
export async function startIngress(options) {
  const target = new URL(options.upstream);
  if (target.protocol !== 'http:')
    throw new Error(`startIngress: upstream must be http://, got ${options.upstream}`);
  /** @type {IngressExchange[]} */
  const exchanges = [];

  const server = createServer((req, res) => {
    const requested = String(req.headers[STYLE_HEADER] ?? 'b3-128');
    const style = /** @type {TraceStyle} */ (
      TRACE_STYLES.includes(/** @type {TraceStyle} */ (requested)) ? requested : 'b3-128'
    );
    const trace = traceHeadersFor(style);
    const requestId = randomUUID();
    const expected = extractTraceContext(trace.headers);
    /** @type {IngressExchange} */
    const exchange = {
      seq: exchanges.length,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      style,
      requestId,
      sentTraceId: trace.sentTraceId,
      traceId: expected.traceId ?? '',
      spanId: trace.spanId,
      sampled: trace.sampled,
      startMs: nowMs(),
      endMs: 0,
      status: 0,
    };
    exchanges.push(exchange);

    /** @type {Record<string, string | string[]>} */
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !DROPPED.has(name)) headers[name] = value;
    }
    Object.assign(headers, trace.headers, {
      'x-request-id': requestId,
      'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
      'x-forwarded-proto': 'http',
      host: target.host,
    });

    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (upstreamRes) => {
        exchange.status = upstreamRes.statusCode ?? 0;
        res.writeHead(exchange.status, upstreamRes.headers);
        upstreamRes.pipe(res);
        upstreamRes.on('end', () => {
          exchange.endMs = nowMs();
        });
      },
    );
    upstream.on('error', (err) => {
      // What Envoy answers when the app is down; the demo reports it as a failed request.
      exchange.status = 502;
      exchange.endMs = nowMs();
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream connect error: ${err.message}\n`);
    });
    req.pipe(upstream);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('startIngress: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    exchanges,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
