import { pathToFileURL } from 'node:url';
import { type ServiceIdentity, setTracingState, warnOnce } from '@ecotrace/core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { resolveConfig } from './config.js';
import { registerEsmHook } from './esm-hook.js';
import { flushOnExitPaths } from './exit-paths.js';
import { createExporter, SelfCheckingExporter } from './exporter.js';
import { enableFastifyRoutes } from './fastify-route.js';
import { buildInstrumentations } from './instrumentations.js';
import { propagatorFromNames } from './propagation/from-names.js';
import { checkPropagators } from './propagation/self-check.js';
import { keepAppRequestIdOnFetch } from './propagation/undici-request-id.js';
import { buildResource } from './resource.js';
import { flushOnSignals } from './signals.js';
import type { TracingHandle, TracingOptions } from './types.js';

const NOOP: TracingHandle = { shutdown: () => Promise.resolve() };
let active: TracingHandle | undefined;

// This module's location, to resolve our dependencies from: the ESM build has import.meta.url;
// in the CJS build esbuild leaves import.meta empty and __filename is the module's own. (Not
// `typeof __filename` first: `node -e` defines a global __filename of "[eval]".)
const META_URL: string | undefined = (import.meta as { url?: string }).url;
const ESM_BUILD = META_URL !== undefined;
const HERE: string | undefined =
  META_URL ?? (typeof __filename === 'string' ? __filename : undefined);

/**
 * Holds the event loop until `work` settles or `ms` pass, whichever first: the exporter's
 * sockets do not hold it (exporter.ts), so this timer is what keeps a process that is ending
 * up for its flush, and what lets it go at the bound when the collector never answers.
 */
function withTimeout(work: Promise<unknown>, ms: number, onTimeout?: () => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      resolve();
    }, ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/**
 * Starts OpenTelemetry tracing for a Node.js service behind Istio/Envoy: `NodeSDK` with
 * http/express/fastify/undici instrumentation, B3 multi + W3C propagation following the
 * `@ecotrace/core` contract, `x-request-id` forwarding, a batch exporter (OTLP/HTTP by default).
 * Call it before the app loads its HTTP framework — or use `node --import @ecotrace/tracing/register`.
 *
 * Bad options or `OTEL_*` values throw here, naming the option or variable. If the SDK itself
 * fails to start, one line goes to stderr and the app keeps running untraced.
 *
 * @param options - see {@link TracingOptions}; each wins over its `OTEL_*` variable
 * @example
 * ```ts
 * import { startTracing } from '@ecotrace/tracing';
 * const tracing = startTracing({ serviceName: 'checkout', exporter: 'otlp' });
 * // … on shutdown:
 * await tracing.shutdown(); // flushes within 5 s
 * ```
 */
export function startTracing(
  options: TracingOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): TracingHandle {
  const config = resolveConfig(options, env);
  if (config.disabled) return NOOP;
  if (active) {
    warnOnce(
      'ECOTRACE_ALREADY_STARTED',
      '@ecotrace/tracing: startTracing() called twice; keeping the first setup',
    );
    return active;
  }
  const propagator = propagatorFromNames(config.propagators);
  const instr = buildInstrumentations(
    config.healthPaths,
    config.instrumentations,
    config.instrumentationConfig,
    env,
    HERE ?? process.cwd(),
  );
  // ESM apps need the loader hook registered before they import what is instrumented: the
  // register entry and a module given to `--import` both run early enough.
  const main = process.argv[1] ?? '';
  if (HERE && (ESM_BUILD || /\.m[jt]s$/.test(main))) {
    registerEsmHook(instr.modules, ESM_BUILD ? HERE : pathToFileURL(HERE).href);
  }
  const ended = new EndedSpanCounter();
  let batch: BatchSpanProcessor | undefined;
  let abandon: (() => void) | undefined;
  let sdk: NodeSDK;
  let stopFastify: () => void = () => {};
  let stopFetchRequestId: () => void = () => {};
  let stopSignals: () => void = () => {};
  let service: ServiceIdentity;
  try {
    const built = buildResource(config, env);
    const resource = built.resource;
    service = built.identity;
    const exporter = createExporter(config.exporter);
    if (exporter) batch = new BatchSpanProcessor(exporter, { maxQueueSize: config.maxQueueSize });
    if (exporter instanceof SelfCheckingExporter) abandon = () => exporter.abandon();
    sdk = new NodeSDK({
      resource,
      autoDetectResources: false,
      textMapPropagator: propagator,
      sampler: config.sampler,
      // Without an exporter (`none`) spans are still made (NodeSDK sets up no tracer provider
      // without a processor), so ids, transaction.id and propagation are as with one.
      spanProcessors: batch ? [ended, batch] : [ended],
      instrumentations: instr.instrumentations,
      // NodeSDK would otherwise start OTLP metric and log exporters from env defaults: logs go to stdout.
      metricReaders: [],
      logRecordProcessors: [],
    });
    sdk.start();
    stopFastify = enableFastifyRoutes();
    // After sdk.start(): must run after the undici instrumentation's own subscriber.
    stopFetchRequestId = keepAppRequestIdOnFetch();
  } catch (error) {
    process.stderr.write(
      `@ecotrace/tracing: tracing failed to start, the app continues without it: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return NOOP;
  }
  checkPropagators(config.propagators);
  // Loggers created from now on write this service (one identity for logs and spans).
  setTracingState({ started: true, serviceName: service.name, service });

  let stopping: Promise<void> | undefined;
  let stopExitPaths: () => void = () => {};
  let flushedAt = 0;
  const flush = (): Promise<void> => {
    flushedAt = ended.count;
    return withTimeout(batch?.forceFlush() ?? Promise.resolve(), config.shutdownTimeoutMs, abandon);
  };
  const handle: TracingHandle = {
    shutdown() {
      stopping ??= withTimeout(
        (async () => {
          stopFastify();
          stopFetchRequestId();
          setTracingState(undefined);
          await sdk.shutdown();
        })(),
        config.shutdownTimeoutMs,
        abandon,
      ).finally(() => {
        // Removed only now: during a SIGTERM, the logger's listener (which runs after ours in
        // the same emit) exits at once if it finds itself alone.
        stopSignals();
        stopExitPaths();
        active = undefined;
      });
      return stopping;
    },
  };
  if (config.handleSignals) {
    stopSignals = flushOnSignals(() => handle.shutdown());
    stopExitPaths = flushOnExitPaths({ flush, pending: () => ended.count > flushedAt });
  }
  active = handle;
  return handle;
}

/** Counts the spans that ended (recorded ones): tells the exit flush whether anything is pending. */
class EndedSpanCounter implements SpanProcessor {
  count = 0;
  onStart(): void {}
  onEnd(_span: ReadableSpan): void {
    this.count++;
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Shuts down the tracing started by `startTracing()` or the register entry (flushing spans within
 * `shutdownTimeoutMs`); resolves at once when none is running. Await it in your own SIGTERM
 * handler before `process.exit()`, which would otherwise cut the flush short.
 *
 * @example
 * ```ts
 * process.on('SIGTERM', () => server.close(async () => { await shutdownTracing(); process.exit(0); }));
 * ```
 */
export function shutdownTracing(): Promise<void> {
  return active ? active.shutdown() : Promise.resolve();
}
