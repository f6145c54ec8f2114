// autocannon in its own process, pinned to another core than the server: warm up, tell the
// parent, wait for `go`, measure, report. Requests carry the headers Envoy adds behind Istio.
import autocannon from 'autocannon';
import { ENVOY_HEADERS } from '../lib/envoy-headers.mjs';
import { runMain, send, workerConfig } from '../lib/worker-io.mjs';

function fire(config, duration) {
  return autocannon({
    url: `http://127.0.0.1:${config.port}/orders/48213`,
    connections: config.connections,
    // Pipelined requests keep the server busy whatever its speed (see http-measure.mjs).
    pipelining: config.pipelining ?? 1,
    duration,
    headers: ENVOY_HEADERS,
  });
}

async function main() {
  const config = workerConfig();
  await fire(config, config.warmup);
  const go = new Promise((resolve) => process.once('message', resolve));
  await send({ type: 'warm' });
  await go;
  const result = await fire(config, config.duration);
  await send({
    type: 'result',
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  });
}

runMain(main);
