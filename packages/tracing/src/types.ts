import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { InstrumentationSettings } from './instrumentations.js';
import type { PropagatorName } from './propagation/from-names.js';
import type { SamplerName } from './sampler.js';

export type { InstrumentationSettings, PropagatorName, SamplerName };

/** Where spans go. */
export type ExporterName = 'otlp' | 'zipkin' | 'console' | 'none';

/**
 * Options of `startTracing()`. Every option wins over its environment variable; unset options
 * fall back to the standard `OTEL_*` variables, then to the defaults listed.
 */
export interface TracingOptions {
  /**
   * `service.name`. Env: `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`; else package.json; else
   * `unknown_service:node`. A logger created before tracing with an explicit `service` ranks
   * between this option and the environment (for every service field); loggers created after
   * write what tracing resolved (README, "One service for logs and spans").
   */
  serviceName?: string;
  /** `service.version`. Env: `OTEL_RESOURCE_ATTRIBUTES` `service.version`; else package.json. */
  serviceVersion?: string;
  /** `deployment.environment.name`. Env: `OTEL_RESOURCE_ATTRIBUTES`. */
  environment?: string;
  /** Env: `OTEL_TRACES_EXPORTER`. Default `'otlp'`. */
  exporter?: ExporterName;
  /**
   * OTLP: base URL (`/v1/traces` appended unless present). Env: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`
   * (used as is), `OTEL_EXPORTER_OTLP_ENDPOINT`. Default `http://localhost:4318`.
   * Zipkin: full URL. Env: `OTEL_EXPORTER_ZIPKIN_ENDPOINT`. Default `http://localhost:9411/api/v2/spans`.
   */
  endpoint?: string;
  /** OTLP encoding. Env: `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, `OTEL_EXPORTER_OTLP_PROTOCOL`. Default `'http/protobuf'`. */
  protocol?: 'http/protobuf' | 'http/json';
  /** Env: `OTEL_PROPAGATORS`. Default `['envoy', 'baggage']`. `x-request-id` forwarding is always on unless `none`. */
  propagators?: PropagatorName[];
  /** A sampler name or instance. Env: `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`. Default `'parentbased_always_on'`. */
  sampler?: Sampler | SamplerName;
  /** Ratio for the `*traceidratio` samplers. Env: `OTEL_TRACES_SAMPLER_ARG`. Default 1. */
  samplerArg?: number;
  /**
   * Extra instrumentations, added to the auto-instrumentation set; one named like an
   * auto-instrumentation (its `instrumentationName`) replaces ours. Default `[]`.
   */
  instrumentations?: Instrumentation[];
  /**
   * Settings of the auto-instrumentations by short name (`pg`, `http`, `ioredis`, … — the package
   * name without `@opentelemetry/instrumentation-`), each the config its package documents, plus
   * `enabled`, which wins over `OTEL_NODE_ENABLED_INSTRUMENTATIONS` /
   * `OTEL_NODE_DISABLED_INSTRUMENTATIONS` (`enabled: true` also loads it when its module is not
   * found installed). http's `ignoreIncomingRequestHook` is combined with the health paths.
   * @example `{ pg: { enhancedDatabaseReporting: true }, fs: { enabled: true } }`
   */
  instrumentationConfig?: Readonly<Record<string, InstrumentationSettings | undefined>>;
  /** Incoming paths never traced. Default `DEFAULT_HEALTH_PATHS` (`/healthz`, `/readyz`, `/livez`, `/metrics`). */
  healthPaths?: readonly string[];
  /** Turn everything off. Env: `OTEL_SDK_DISABLED=true`. Default false. */
  disabled?: boolean;
  /** Spans buffered before new ones are dropped. Env: `OTEL_BSP_MAX_QUEUE_SIZE`. Default 2048. */
  maxQueueSize?: number;
  /** Upper bound for `shutdown()` (and the SIGTERM flush), in ms. Default 5000. */
  shutdownTimeoutMs?: number;
  /** Flush spans on SIGTERM/SIGINT (see README for the ordering contract). Default true. */
  handleSignals?: boolean;
}

/** What `startTracing()` returns. */
export interface TracingHandle {
  /** Flushes pending spans and stops the SDK; resolves within `shutdownTimeoutMs`, never rejects. */
  shutdown(): Promise<void>;
}
