// @ts-check
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startOtlpReceiver } from '@ecotrace/testkit';
import { correlate } from './correlate.mjs';
import { exemplarSection, exemplarsFromPrometheus, exemplarsFromScrape } from './exemplars.mjs';
import { startIngress } from './ingress.mjs';
import { parseServiceLines } from './model.mjs';
import { toDemoSpans } from './otlp-spans.mjs';
import { findPrometheus, startPrometheus } from './prometheus.mjs';
import { renderReportHtml } from './report-html.mjs';
import { REQUEST_MIX, sendMix } from './request-mix.mjs';
import { examplesDir, startService } from './services.mjs';
import { demoVerdict, formatTextReport } from './text-report.mjs';
import { buildTraceViews } from './trace-view.mjs';

/** The mix's request whose metrics exemplar the report follows to its trace and logs. */
const SLOW_REQUEST = 'slow stock check';

/** Where `pnpm demo` writes: `<repo>/demo-output` (git-ignored). */
export const DEFAULT_OUT_DIR = join(examplesDir, '..', 'demo-output');

/**
 * Waits until the receiver's span count has not changed for `quietMs` (spans arrive in
 * batches, the last ones when the services shut down), at most `maxMs`.
 * @param {() => unknown[]} spans
 */
async function settle(spans, quietMs = 400, maxMs = 10_000) {
  const deadline = Date.now() + maxMs;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const n = spans().length;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs the whole demo: OTLP receiver (Jaeger's stand-in), `inventory` and `orders` as child
 * processes with the tracing register entry, the stand-in Istio ingress, the request mix;
 * then stops everything, writes `<outDir>/<service>.ndjson` and `<outDir>/report.html`, and
 * returns the report.
 * @param {{ outDir?: string, mix?: typeof REQUEST_MIX }} [options] defaults: DEFAULT_OUT_DIR, REQUEST_MIX
 * @returns {Promise<{ ok: boolean, verdict: string, text: string, htmlPath: string,
 *   correlation: import('./correlate.mjs').Correlation, views: import('./trace-view.mjs').TraceView[] }>}
 * @example
 * const { ok, text } = await runDemo();
 * console.log(text);
 * process.exitCode = ok ? 0 : 1;
 */
export async function runDemo({ outDir = DEFAULT_OUT_DIR, mix = REQUEST_MIX } = {}) {
  const receiver = await startOtlpReceiver({ port: 0 });
  /** @type {Array<import('./services.mjs').RunningService>} */
  const services = [];
  /** @type {Awaited<ReturnType<typeof startIngress>> | undefined} */
  let ingress;
  /** @type {import('./prometheus.mjs').RunningPrometheus | undefined} */
  let prometheus;
  try {
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    const inventory = await startService('inventory', otel);
    services.push(inventory);
    const orders = await startService('orders', { ...otel, INVENTORY_URL: inventory.url });
    services.push(orders);
    ingress = await startIngress({ upstream: orders.url });
    // Prometheus scrapes both services' /metrics (ecsMetrics) when a binary is installed.
    const binary = findPrometheus();
    const hostPort = (/** @type {string} */ url) => new URL(url).host;
    if (binary !== undefined) {
      prometheus = await startPrometheus(binary, {
        orders: hostPort(orders.url),
        inventory: hostPort(inventory.url),
      });
    }

    const results = await sendMix(ingress.url, mix);
    await ingress.close();
    // The slow request: the exemplar its latency bucket got in each service it went through.
    const slowIndex = results.findIndex((r) => r.name === SLOW_REQUEST);
    const slowTraceId = slowIndex === -1 ? undefined : ingress.exchanges[slowIndex]?.traceId;
    /** @type {import('./exemplars.mjs').DemoExemplar[]} */
    let exemplars = [];
    if (slowTraceId !== undefined) {
      exemplars = prometheus
        ? await exemplarsFromPrometheus(prometheus, slowTraceId, ['orders', 'inventory'])
        : (
            await Promise.all(
              [orders, inventory].map((s) => exemplarsFromScrape(s.name, s.url, slowTraceId)),
            )
          ).flat();
    }
    await prometheus?.stop();
    prometheus = undefined;
    // SIGTERM, as Kubernetes does: the services flush their logs and their last spans.
    await Promise.all(services.map((s) => s.stop('SIGTERM')));
    await settle(() => receiver.spans());

    await mkdir(outDir, { recursive: true });
    const lines = [];
    for (const service of services) {
      const text = service.lines().join('\n');
      await writeFile(join(outDir, `${service.name}.ndjson`), text === '' ? '' : `${text}\n`);
      lines.push(...parseServiceLines(service.name, text));
    }
    const spans = toDemoSpans(receiver.spans());
    const exchanges = ingress.exchanges;
    const correlation = correlate({ spans, lines, exchanges });
    const views = buildTraceViews({ spans, lines, exchanges, names: results.map((r) => r.name) });
    const metricsView =
      slowTraceId === undefined
        ? undefined
        : exemplarSection({
            request: SLOW_REQUEST,
            exemplars,
            spans,
            lines,
            prometheus: binary !== undefined,
          });
    const text = [
      formatTextReport({ results, correlation, views, lines }),
      ...(metricsView?.text ?? []),
    ].join('\n');
    const htmlPath = join(outDir, 'report.html');
    await writeFile(
      htmlPath,
      renderReportHtml({
        traces: views,
        summary: {
          requests: results.length,
          traces: correlation.traces,
          spans: correlation.spans,
          lines: lines.length,
          correlated: correlation.counts.correlated,
          unsampled: correlation.counts.unsampled,
          uncorrelated: correlation.counts.uncorrelated,
          validationErrors: correlation.validationErrors,
        },
      }),
    );
    const verdict = demoVerdict({ results, correlation, metricsOk: metricsView?.ok });
    return { ok: verdict.ok, verdict: verdict.line, text, htmlPath, correlation, views };
  } finally {
    await ingress?.close().catch(() => {});
    await prometheus?.stop().catch(() => {});
    await Promise.all(services.map((s) => s.stop('SIGKILL').catch(() => {})));
    await receiver.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const outArg = process.argv.indexOf('--out');
  const outDir = outArg > 0 ? process.argv[outArg + 1] : undefined;
  runDemo(outDir ? { outDir } : {}).then(
    ({ ok, verdict, text, htmlPath }) => {
      console.log(text);
      console.log(
        `\nNDJSON and report: ${htmlPath} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      console.log(`\n${verdict}`);
      process.exitCode = ok ? 0 : 1;
    },
    (err) => {
      console.error(err);
      console.log(`\nFAIL: the demo could not run: ${err instanceof Error ? err.message : err}`);
      process.exitCode = 1;
    },
  );
}
