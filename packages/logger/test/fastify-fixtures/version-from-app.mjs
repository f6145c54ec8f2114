// Child process for fastify-logger-options.test.ts: the README's Fastify example, where the
// app's `fastify` (resolved from the working directory, which the parent links to one major)
// is given fastifyLoggerOptions(createLogger()) without `fastifyVersion`. It logs through
// fastify.log and request.log, serves one request to itself, then prints which options it got.
import { createRequire } from 'node:module';
import { createLogger } from '@ecotrace/logger';
import { ecsLogging, fastifyLoggerOptions } from '@ecotrace/logger/fastify';

const Fastify = createRequire(`${process.cwd()}/`)('fastify');
const log = createLogger();
const ours = fastifyLoggerOptions(log);
// Read before Fastify(): Fastify 4 writes its defaults into the object it is given.
const chosen = Object.keys(ours).sort().join(',');
const app = Fastify(ours);
await app.register(ecsLogging());
app.get('/hello', async (request) => {
  request.log.info('handler ran');
  return 'hi';
});
await app.listen({ port: 0, host: '127.0.0.1' });
app.log.info('from fastify.log');
const res = await fetch(`http://127.0.0.1:${app.server.address().port}/hello`);
await res.text();
await app.close();
log.info({ labels: { options: chosen, fastify: app.version } }, 'fixture done');
