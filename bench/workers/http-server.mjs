// One server variant in its own process (pinned to its own core by the parent). It reports its
// port, then answers `mark` with its cumulative CPU time and request count, so the parent can
// take CPU per request over exactly the measured window. Logs go to stdout = /dev/null.
import { httpApps } from '../lib/http-apps.mjs';
import { metricsApps } from '../lib/metrics-apps.mjs';
import { tracingSetups } from '../lib/tracing-setups.mjs';
import { runMain, send, workerConfig } from '../lib/worker-io.mjs';

async function main() {
  const config = workerConfig();
  if (config.tracing) {
    const setup = tracingSetups[config.tracing];
    if (!setup) throw new Error(`unknown tracing setup ${config.tracing}`);
    await setup();
  }
  const build = httpApps[config.app] ?? metricsApps[config.app];
  if (!build) throw new Error(`unknown app ${config.app}`);
  const server = await build();
  let requests = 0;
  // Same tiny cost for every variant: a counter on Node's own 'request' event.
  server.on('request', () => {
    requests++;
  });
  const { port } = server.address();
  await new Promise((resolve) => {
    process.on('message', async (message) => {
      if (message.type === 'mark') {
        const cpu = process.cpuUsage();
        await send({
          type: 'mark',
          cpuMicros: cpu.user + cpu.system,
          requests,
          atNs: Number(process.hrtime.bigint()),
          rssMiB: process.memoryUsage.rss() / 2 ** 20,
        });
      } else if (message.type === 'stop') {
        resolve();
      }
    });
    send({ type: 'ready', port });
  });
  server.closeAllConnections?.();
  process.exit(0);
}

runMain(main);
