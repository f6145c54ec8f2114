// autocannon in its own process, pinned to another core than the server: warm up, tell the
// parent, wait for `go`, measure, report. Requests carry the headers Envoy adds behind Istio.
import autocannon from 'autocannon';
import { runMain, send, workerConfig } from '../lib/worker-io.mjs';

const ENVOY_HEADERS = {
  'x-request-id': '2f5b8e0a-4c8e-4d4c-9a3b-7f1e2d3c4b5a',
  'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
  'x-b3-spanid': 'e457b5a2e4d86bd1',
  'x-b3-parentspanid': '05e3ac9a4f6e3b90',
  'x-b3-sampled': '1',
};

function fire(config, duration) {
  return autocannon({
    url: `http://127.0.0.1:${config.port}/orders/48213`,
    connections: config.connections,
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
