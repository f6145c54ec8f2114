// service.mjs on Fastify with the logger's plugin (sidecar-only, no tracing SDK): same routes.
import http from 'node:http';
import { createLogger, forwardHeaders, getLogger } from '@ecotrace/logger';
import { ecsLogging } from '@ecotrace/logger/fastify';
import Fastify from 'fastify';

const log = createLogger();
const NEXT = process.env.NEXT_URL;

function getJson(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
}

const app = Fastify();
await app.register(ecsLogging());
app.get('/echo', async (request) => {
  getLogger().info('echo');
  return { headers: request.headers };
});
app.get('/call/:client', async (request) => {
  const headers = request.query.plain ? {} : forwardHeaders();
  const url = `${NEXT}/echo`;
  const next =
    request.params.client === 'fetch'
      ? await (await fetch(url, { headers })).json()
      : await getJson(url, headers);
  getLogger().info('called next');
  return { forwarded: headers, next };
});
await app.listen({ host: '127.0.0.1', port: 0 });
log.info({ 'server.port': app.server.address().port }, 'listening');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
