// CPU per request of one metrics setup without sockets or a load generator: the server the
// scenario would time, driven in-process through light-my-request (the request handler Node's
// server would call, with Envoy's headers), so a machine loaded by other work costs wall time
// but hardly the CPU counted here. Measures `requests` after `warmup`; `mode: 'callgrind'` only
// runs them (the parent counts instructions with valgrind).
import { inject } from 'light-my-request';
import { ENVOY_HEADERS } from '../lib/envoy-headers.mjs';
import { httpApps } from '../lib/http-apps.mjs';
import { metricsApps } from '../lib/metrics-apps.mjs';
import { runMain, send, workerConfig } from '../lib/worker-io.mjs';

async function main() {
  const config = workerConfig();
  const build = httpApps[config.app] ?? metricsApps[config.app];
  if (!build) throw new Error(`unknown app ${config.app}`);
  const server = await build();
  const [dispatch] = server.listeners('request');
  const once = async () => {
    const res = await inject(dispatch, {
      method: 'GET',
      url: '/orders/48213',
      headers: ENVOY_HEADERS,
    });
    if (res.statusCode !== 200) throw new Error(`${config.app}: status ${res.statusCode}`);
  };
  for (let i = 0; i < config.warmup; i++) await once();
  const before = process.cpuUsage();
  for (let i = 0; i < config.requests; i++) await once();
  const cpu = process.cpuUsage(before);
  // Proof the setup recorded every request (a setup that missed them would look cheap).
  const metrics = await inject(dispatch, {
    method: 'GET',
    url: '/metrics',
    headers: { accept: 'application/openmetrics-text; version=1.0.0' },
  });
  const recorded = metrics.payload
    .split('\n')
    .filter((l) => /^http_(server_)?request_duration_seconds_count\{/.test(l))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  server.close();
  server.closeAllConnections?.();
  await send({ type: 'result', cpuUsPerReq: (cpu.user + cpu.system) / config.requests, recorded });
}

runMain(main);
