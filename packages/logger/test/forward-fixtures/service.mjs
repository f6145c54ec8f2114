// Sidecar-only service (the logger, no tracing SDK): Express + ecsLogging. /echo answers with
// the headers it received and logs a line; /call/fetch and /call/http call NEXT_URL/echo with
// forwardHeaders() (`?plain=1`: without them) and answer with what the next service received.
import http from 'node:http';
import { createLogger, forwardHeaders, getLogger } from '@ecotrace/logger';
import { ecsLogging } from '@ecotrace/logger/express';
import express from 'express';

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

const app = express();
app.use(ecsLogging());
app.get('/echo', (req, res) => {
  getLogger().info('echo');
  res.json({ headers: req.headers });
});
app.get('/call/:client', async (req, res) => {
  const headers = req.query.plain ? {} : forwardHeaders();
  const url = `${NEXT}/echo`;
  const next =
    req.params.client === 'fetch'
      ? await (await fetch(url, { headers })).json()
      : await getJson(url, headers);
  getLogger().info('called next');
  res.json({ forwarded: headers, next });
});
const server = app.listen(0, '127.0.0.1', () =>
  log.info({ 'server.port': server.address().port }, 'listening'),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
