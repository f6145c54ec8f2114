// Child process for fastify-logger-options.test.ts: a Fastify app (FASTIFY names the installed
// package: fastify = 5.12, fastify59, fastify4) built from the built package (dist) the way
// MODE says, serving two requests to itself on 127.0.0.1, then closing. The parent reads stderr
// for deprecation warnings and stdout for Fastify's own request lines.
//   MODE=ours (default)   Fastify({ ...fastifyLoggerOptions(createLogger()) })
//   MODE=top-level        the same plus the top-level disableRequestLogging (control: warns on 5.12)
//   MODE=fastify-default  only our logger, Fastify's request logging on (control: its lines show)
import { createLogger } from '@ecotrace/logger';
import { ecsLogging, fastifyLoggerOptions } from '@ecotrace/logger/fastify';

const pkg = process.env.FASTIFY ?? 'fastify';
const mode = process.env.MODE ?? 'ours';
const { default: Fastify } = await import(pkg);
const major = pkg === 'fastify4' ? 4 : 5;

const log = createLogger();
const ours =
  major === 4 ? fastifyLoggerOptions(log, { fastifyVersion: 4 }) : fastifyLoggerOptions(log);
const options =
  mode === 'top-level'
    ? { ...ours, logController: undefined, disableRequestLogging: true }
    : mode === 'fastify-default'
      ? major === 4
        ? { logger: log }
        : { loggerInstance: log }
      : ours;

// Read before Fastify(): Fastify 4 writes its defaults into the object it is given.
const chosen = Object.keys(ours).sort().join(',');
const app = Fastify(options);
await app.register(ecsLogging());
app.get('/hello', async (request) => {
  request.log.info('handler ran');
  return 'hi';
});
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address();
for (let i = 0; i < 2; i++) {
  const res = await fetch(`http://127.0.0.1:${port}/hello`);
  await res.text();
}
await app.close();
log.info({ labels: { options: chosen } }, 'fixture done');
