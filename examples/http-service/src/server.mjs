// @ts-check
// A plain node:http service (no framework): handlers log with getLogger(), and a background
// job queued by a request logs with that request's trace through runWithTraceContext.
// Start: node --import @ecotrace/tracing/register src/server.mjs  (tracing is optional: without
// it, the ids come from the request's Envoy headers, "sidecar-only" mode).
import { createServer } from 'node:http';
import { createLogger, getLogger, runWithTraceContext } from '@ecotrace/logger';
import { trace } from '@opentelemetry/api';

const log = createLogger();

/**
 * @typedef {{ id: number, report: string,
 *   trace: import('@ecotrace/logger').TraceContextInput }} Job
 */
/** @type {Job[]} */
const queue = [];
let nextJob = 1;

/**
 * The trace a job should continue: our active server span when tracing runs, else the ids
 * Envoy put on the request.
 * @param {import('node:http').IncomingMessage} req
 * @returns {import('@ecotrace/logger').TraceContextInput}
 */
function traceOf(req) {
  const span = trace.getActiveSpan();
  if (span) {
    const { traceId, spanId, traceFlags } = span.spanContext();
    return { traceId, spanId, sampled: (traceFlags & 1) === 1 };
  }
  return req.headers;
}

// The worker runs outside any request: each job's lines get the trace of the request that
// queued it, so Kibana shows them with that request and Jaeger's trace id finds them.
const worker = setInterval(() => {
  const job = queue.shift();
  if (!job) return;
  runWithTraceContext(job.trace, () => {
    getLogger().info({ job: { id: job.id, report: job.report } }, 'report job started');
    getLogger().info({ job: { id: job.id } }, 'report job done');
  });
}, 50);

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    res.end('ok');
    return;
  }
  if (req.method === 'POST' && url.pathname === '/reports') {
    const job = {
      id: nextJob++,
      report: url.searchParams.get('name') ?? 'daily',
      trace: traceOf(req),
    };
    queue.push(job);
    getLogger().info({ job: { id: job.id } }, 'report job queued');
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ job: job.id }));
    return;
  }
  getLogger().warn({ 'url.path': url.pathname }, 'no such route');
  res.writeHead(404).end();
}

// No middleware here: each request runs inside its trace context, taken from Envoy's headers.
// When tracing runs, the logger prefers the active server span, so both modes correlate.
const server = createServer((req, res) => runWithTraceContext(req.headers, () => handle(req, res)));

server.listen(Number(process.env.PORT ?? 3002), process.env.HOST ?? '0.0.0.0', () => {
  const address = server.address();
  log.info(
    { 'server.port': typeof address === 'object' && address ? address.port : undefined },
    'listening',
  );
});

process.on('SIGTERM', () => {
  log.info('shutting down');
  clearInterval(worker);
  server.close();
});
