import { DEFAULT_HEALTH_PATHS } from '@ecotrace/core';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { ResolvedConfig, ResolvedExporter } from './internal-types.js';
import { DEFAULT_PROPAGATORS, parsePropagatorNames } from './propagation/from-names.js';
import { EnvoyAwareSampler, samplerFromName } from './sampler.js';
import type { TracingOptions } from './types.js';

const DEFAULT_OTLP_BASE = 'http://localhost:4318';
const DEFAULT_ZIPKIN_URL = 'http://localhost:9411/api/v2/spans';
const EXPORTERS = ['otlp', 'zipkin', 'console', 'none'];

function fail(message: string): never {
  throw new Error(`@ecotrace/tracing: ${message}`);
}

function set(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function checkUrl(url: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail(`${source} is not a valid URL: "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    fail(`${source} must be an http(s) URL: "${url}"`);
  return url;
}

function resolveExporter(options: TracingOptions, env: NodeJS.ProcessEnv): ResolvedExporter {
  let kind: string = options.exporter ?? 'otlp';
  let source = 'the exporter option';
  if (options.exporter === undefined && set(env.OTEL_TRACES_EXPORTER)) {
    const names = (env.OTEL_TRACES_EXPORTER as string)
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length > 1)
      fail(
        `OTEL_TRACES_EXPORTER lists ${names.length} exporters; choose one of ${EXPORTERS.join(', ')}`,
      );
    kind = names[0] as string;
    source = 'OTEL_TRACES_EXPORTER';
  }
  if (!EXPORTERS.includes(kind))
    fail(`unknown exporter "${kind}" in ${source}; supported: ${EXPORTERS.join(', ')}`);
  if (kind === 'none' || kind === 'console') return { kind };
  if (kind === 'zipkin') {
    if (options.endpoint !== undefined)
      return { kind, url: checkUrl(options.endpoint, 'the endpoint option') };
    const fromEnv = set(env.OTEL_EXPORTER_ZIPKIN_ENDPOINT);
    return {
      kind,
      url: fromEnv ? checkUrl(fromEnv, 'OTEL_EXPORTER_ZIPKIN_ENDPOINT') : DEFAULT_ZIPKIN_URL,
    };
  }
  const protocolSource =
    options.protocol !== undefined
      ? 'the protocol option'
      : set(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL)
        ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
        : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol =
    options.protocol ??
    set(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ??
    set(env.OTEL_EXPORTER_OTLP_PROTOCOL) ??
    'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    fail(`${protocolSource} "${protocol}" is not supported; use http/protobuf or http/json`);
  }
  let url: string;
  if (options.endpoint !== undefined)
    url = tracesUrl(checkUrl(options.endpoint, 'the endpoint option'));
  else if (set(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)) {
    url = checkUrl(
      set(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) as string,
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    );
  } else if (set(env.OTEL_EXPORTER_OTLP_ENDPOINT)) {
    url = tracesUrl(
      checkUrl(set(env.OTEL_EXPORTER_OTLP_ENDPOINT) as string, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
    );
  } else url = tracesUrl(DEFAULT_OTLP_BASE);
  return { kind: 'otlp', url, protocol };
}

/** OTLP/HTTP signal path rule: the base endpoint gets `/v1/traces` appended. */
function tracesUrl(base: string): string {
  if (/\/v1\/traces\/?$/.test(base)) return base;
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

function positiveInt(value: number | string | undefined, source: string, fallback: number): number {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) fail(`${source} must be a positive integer, got "${value}"`);
  return n;
}

function resolveSampler(options: TracingOptions, env: NodeJS.ProcessEnv): Sampler {
  if (typeof options.sampler === 'object' && options.sampler !== null) return options.sampler;
  const arg = options.samplerArg?.toString() ?? env.OTEL_TRACES_SAMPLER_ARG;
  const argSource =
    options.samplerArg !== undefined ? 'the samplerArg option' : 'OTEL_TRACES_SAMPLER_ARG';
  if (options.sampler !== undefined)
    return samplerFromName(options.sampler, arg, 'the sampler option', argSource);
  return samplerFromName(
    set(env.OTEL_TRACES_SAMPLER) ?? 'parentbased_always_on',
    arg,
    'OTEL_TRACES_SAMPLER',
    argSource,
  );
}

/** Merges options over `OTEL_*` variables and validates all of it; throws naming the culprit. */
export function resolveConfig(options: TracingOptions, env: NodeJS.ProcessEnv): ResolvedConfig {
  const disabled = options.disabled ?? set(env.OTEL_SDK_DISABLED)?.toLowerCase() === 'true';
  const propagators =
    options.propagators !== undefined
      ? parsePropagatorNames(options.propagators, 'the propagators option')
      : set(env.OTEL_PROPAGATORS)
        ? parsePropagatorNames((env.OTEL_PROPAGATORS as string).split(','), 'OTEL_PROPAGATORS')
        : [...DEFAULT_PROPAGATORS];
  const configured = resolveSampler(options, env);
  const healthPaths = options.healthPaths ?? DEFAULT_HEALTH_PATHS;
  if (!Array.isArray(healthPaths) || healthPaths.some((p) => typeof p !== 'string')) {
    fail('the healthPaths option must be an array of paths');
  }
  const config: ResolvedConfig = {
    disabled,
    exporter: resolveExporter(options, env),
    propagators,
    sampler: new EnvoyAwareSampler(configured),
    instrumentations: options.instrumentations ?? [],
    instrumentationConfig: options.instrumentationConfig ?? {},
    healthPaths,
    maxQueueSize: positiveInt(
      options.maxQueueSize ?? env.OTEL_BSP_MAX_QUEUE_SIZE,
      options.maxQueueSize !== undefined ? 'the maxQueueSize option' : 'OTEL_BSP_MAX_QUEUE_SIZE',
      2048,
    ),
    shutdownTimeoutMs: positiveInt(options.shutdownTimeoutMs, 'the shutdownTimeoutMs option', 5000),
    handleSignals: options.handleSignals ?? true,
  };
  if (options.serviceName !== undefined) config.serviceName = options.serviceName;
  if (options.serviceVersion !== undefined) config.serviceVersion = options.serviceVersion;
  if (options.environment !== undefined) config.environment = options.environment;
  return config;
}
