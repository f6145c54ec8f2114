import type { LoggerService, ServiceIdentity } from '@ecotrace/core';
import type { DestinationStream } from 'pino';
import { LEVEL_NAMES, parseLevelSpec } from './levels/level-spec.js';
import { buildRedactor, type Redactor } from './redact/redactor.js';
import { explicitService, loggerServiceIdentity } from './service-identity.js';
import type { LoggerOptions } from './types.js';

const LEVELS = LEVEL_NAMES;
export const DEFAULT_MAX_LINE_BYTES = 16_000;
const MIN_MAX_LINE_BYTES = 1_024;

/** Options after validation and defaults. */
export interface ResolvedOptions {
  level: string;
  /** Per-module levels from `LOG_LEVEL` (`info,db=debug`). */
  moduleLevels: Map<string, string>;
  identity: ServiceIdentity;
  /** The `service` fields the app passed itself (published for tracing started later). */
  explicitService: LoggerService['explicit'];
  dataset: string;
  destination: DestinationStream | number | undefined;
  redactor: Redactor | undefined;
  maxLineBytes: number;
  traceCorrelation: boolean;
  name: string | undefined;
  handleExit: boolean;
}

function fail(option: string, problem: string): never {
  throw new TypeError(`@ecotrace/logger: option \`${option}\` ${problem}`);
}

function optionalString(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(option, 'must be a non-empty string');
  return value;
}

function resolveLevel(
  options: LoggerOptions,
  env: NodeJS.ProcessEnv,
): { level: string; moduleLevels: Map<string, string> } {
  // LOG_LEVEL may also name module levels (`info,db=debug`); the option wins for the default.
  const fromEnv = env.LOG_LEVEL?.trim() ?? '';
  const spec =
    fromEnv === ''
      ? { level: undefined, modules: new Map<string, string>() }
      : parseLevelSpec(fromEnv, 'environment variable LOG_LEVEL');
  if (options.level !== undefined) {
    if (!LEVELS.has(options.level)) fail('level', `must be one of ${[...LEVELS].join(', ')}`);
    return { level: options.level, moduleLevels: spec.modules };
  }
  return { level: spec.level ?? 'info', moduleLevels: spec.modules };
}

function resolveRedact(value: LoggerOptions['redact']): Redactor | undefined {
  if (value === undefined) return buildRedactor({});
  if (value === false) return undefined;
  if (Array.isArray(value)) {
    if (!value.every((v) => typeof v === 'string')) fail('redact', 'array must hold strings');
    return buildRedactor({
      keys: value.filter((v) => !v.includes('.')),
      paths: value.filter((v) => v.includes('.')),
    });
  }
  if (typeof value !== 'object' || value === null) {
    fail('redact', 'must be false, an array of keys/paths or { keys, paths, defaults, censor }');
  }
  const cfg = value as Exclude<LoggerOptions['redact'], false | readonly string[] | undefined>;
  for (const list of ['keys', 'paths'] as const) {
    const v = cfg[list];
    if (v !== undefined && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) {
      fail(`redact.${list}`, 'must be an array of strings');
    }
  }
  if (cfg.censor !== undefined && typeof cfg.censor !== 'string')
    fail('redact.censor', 'must be a string');
  return buildRedactor(cfg);
}

/**
 * Validates `createLogger` options and fills defaults from the environment. Throws a
 * TypeError naming the option (or environment variable) on a bad value.
 */
export function resolveOptions(options: LoggerOptions, env: NodeJS.ProcessEnv): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  const service = options.service ?? {};
  if (typeof service !== 'object' || service === null) fail('service', 'must be an object');
  const serviceOptions = {
    name: optionalString(service.name, 'service.name'),
    version: optionalString(service.version, 'service.version'),
    environment: optionalString(service.environment, 'service.environment'),
    namespace: optionalString(service.namespace, 'service.namespace'),
  };
  const explicit = explicitService(serviceOptions);
  const identity = loggerServiceIdentity(explicit, env);
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isInteger(max) || max < MIN_MAX_LINE_BYTES) {
    fail('maxLineBytes', `must be an integer ≥ ${MIN_MAX_LINE_BYTES}`);
  }
  const dest = options.destination;
  if (
    dest !== undefined &&
    !(Number.isInteger(dest) && (dest as number) >= 0) &&
    !(
      typeof dest === 'object' &&
      dest !== null &&
      typeof (dest as DestinationStream).write === 'function'
    )
  ) {
    fail('destination', 'must be a file descriptor or a stream with a write() method');
  }
  for (const flag of ['traceCorrelation', 'handleExit'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean')
      fail(flag, 'must be a boolean');
  }
  return {
    ...resolveLevel(options, env),
    identity,
    explicitService: explicit,
    dataset: optionalString(options.dataset, 'dataset') ?? identity.name,
    destination: dest,
    redactor: resolveRedact(options.redact),
    maxLineBytes: max,
    traceCorrelation: options.traceCorrelation ?? true,
    name: optionalString(options.name, 'name'),
    handleExit: options.handleExit ?? true,
  };
}
