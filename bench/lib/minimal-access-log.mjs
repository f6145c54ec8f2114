// The `*-minimal` rows of http-overhead: a request logger written by hand to do the least that
// still gives issue 4's result on the bench's requests. One AsyncLocalStorage.run() per request,
// x-request-id echoed, and at 'close' one access line with the same fields and bytes as ours,
// built from a template and written with one writeSync. No options, no redaction, no proxy
// trust, no health paths, no request logger, no checks of odd values beyond the ids: a
// yardstick for what the work itself costs on this machine, not a logger anyone should run.
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { hostname } from 'node:os';

const HEX_32 = /^[0-9a-f]{32}$/;
const HEX_16 = /^[0-9a-f]{16}$/;
const WELL_FORMED_ID = /^[\w.-]{1,128}$/;

/** @param {{ serviceName: string, serviceVersion: string, serviceEnvironment: string }} service */
function constantTail(service) {
  const node = process.env.HOSTNAME ?? hostname();
  const fields = {
    'ecs.version': '9.4.0',
    'service.name': service.serviceName,
    'service.version': service.serviceVersion,
    'service.environment': service.serviceEnvironment,
    'service.node.name': node,
    'event.dataset': service.serviceName,
    'host.hostname': node,
    'process.pid': process.pid,
    'event.kind': 'event',
    'event.category': ['web'],
    'event.type': ['access'],
  };
  return `,${JSON.stringify(fields).slice(1)}\n`;
}

/**
 * Returns `track(req, res, route, contentLength, next)`: call it first thing for each request;
 * `route()` and `contentLength()` read what only the framework knows, when the response closes.
 * `runInContext(next)` is the `*-als` rows' AsyncLocalStorage.run(), so the two rows differ by
 * exactly the echo and the line.
 */
export function minimalAccessLog(service, runInContext) {
  const tail = constantTail(service);
  return function track(req, res, route, contentLength, next) {
    const start = process.hrtime.bigint();
    const headers = req.headers;
    const given = headers['x-request-id'];
    const requestId =
      typeof given === 'string' && WELL_FORMED_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const traceId = headers['x-b3-traceid'];
    const spanId = headers['x-b3-spanid'];
    const ids =
      typeof traceId === 'string' &&
      HEX_32.test(traceId) &&
      typeof spanId === 'string' &&
      HEX_16.test(spanId)
        ? `,"trace.id":"${traceId}","span.id":"${spanId}"`
        : '';
    res.on('close', () => {
      const status = res.statusCode;
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      const host = headers.host ?? '';
      const colon = host.lastIndexOf(':');
      const domain = colon === -1 ? host : host.slice(0, colon);
      const port = colon === -1 ? '' : `,"url.port":${Number(host.slice(colon + 1)) || 0}`;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      const bytes = Number(contentLength());
      const line =
        `{"@timestamp":"${new Date().toISOString()}","log.level":"${level}","message":` +
        `${JSON.stringify(`${req.method} ${path} ${status}`)}${ids}` +
        `,"event.outcome":"${status >= 500 ? 'failure' : 'success'}"` +
        `,"event.duration":${process.hrtime.bigint() - start}` +
        `,"http.request.method":${JSON.stringify(req.method)},"http.version":"${req.httpVersion}"` +
        `,"url.path":${JSON.stringify(path)},"url.scheme":"http","url.domain":${JSON.stringify(domain)}${port}` +
        `,"url.full":${JSON.stringify(`http://${host}${url}`)},"http.route":${JSON.stringify(route() ?? '')}` +
        `,"http.response.status_code":${status}` +
        (Number.isFinite(bytes) ? `,"http.response.body.bytes":${bytes}` : '') +
        `,"user_agent.original":${JSON.stringify(headers['user-agent'] ?? '')}` +
        `,"client.ip":${JSON.stringify(req.socket?.remoteAddress ?? '')}` +
        `,"http.request.id":${JSON.stringify(requestId)}${tail}`;
      try {
        writeSync(1, line);
      } catch {
        // Even the yardstick never throws into the server.
      }
    });
    runInContext(next);
  };
}
