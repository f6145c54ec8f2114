import type { LoggerService, ServiceIdentity } from '@ecotrace/core';
import type { DestinationStream } from 'pino';
import { LEVEL_NAMES, parseLevelSpec } from './levels/level-spec.js';
import type { Serializers } from './pino-internals.js';
import { buildRedactor, REDACT_CONFIG_KEYS, type Redactor } from './redact/redactor.js';
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
  /** true: becomes the root; false: never; undefined: only when there is no root yet. */
  root: boolean | undefined;
  serializers: Serializers | undefined;
}

function fail(option: string, problem: string): never {
  throw new TypeError(`@ecotrace/logger: option \`${option}\` ${problem}`);
}

/** Options `createLogger` takes. */
const OPTION_NAMES: readonly string[] = [
  'level',
  'service',
  'dataset',
  'destination',
  'redact',
  'maxLineBytes',
  'traceCorrelation',
  'rateLimit',
  'name',
  'handleExit',
  'root',
  'serializers',
];
const SERVICE_KEYS: readonly string[] = ['name', 'version', 'environment', 'namespace'];
const RATE_LIMIT_KEYS: readonly string[] = ['max', 'intervalMs'];

const CUSTOM_LEVELS =
  "the logger writes pino's standard levels (ECS `log.level`); per-module levels: LOG_LEVEL=info,db=debug or setLevel()";
const NOT_CONFIGURABLE = 'the logger fixes it (mapping safety); nothing to set';

/**
 * pino options people carry over, with what to use instead. (`level`, `name`, `redact` and
 * `serializers` are pino options too, and are taken.)
 */
const PINO_OPTIONS: Readonly<Record<string, string>> = {
  mixin:
    "fields on every line are bindings: `log.child({ … })`; inside a request every line already carries the request's fields",
  mixinMergeStrategy: 'see `mixin`: use `log.child({ … })`',
  base: 'the service fields come from `service` (or OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES); other fields on every line: `log.child({ … })`',
  formatters:
    'the line is ECS by design (`log.level`, `message`, `error.*`); shape values with `serializers`, add fields with `log.child({ … })`',
  hooks:
    'the logger builds its line in `hooks.logMethod` itself; wrap the logger to intercept calls',
  transport: 'pass a stream instead: `destination: pino.transport({ … })`',
  timestamp: 'every line has ECS `@timestamp` (ISO 8601 UTC, milliseconds)',
  messageKey: 'ECS puts the message under `message`',
  errorKey: 'errors are written as ECS `error.*` from `err`, `error` or an Error argument',
  nestedKey:
    'fields are written at the top level and made mapping-safe; nest them yourself (`{ payload: { … } }`)',
  customLevels: CUSTOM_LEVELS,
  useOnlyCustomLevels: CUSTOM_LEVELS,
  levelComparator: CUSTOM_LEVELS,
  enabled: "use `level: 'silent'`",
  msgPrefix: 'set it on a child: `log.child({}, { msgPrefix })`',
  onChild: 'wrap `log.child` instead',
  depthLimit: NOT_CONFIGURABLE,
  edgeLimit: NOT_CONFIGURABLE,
  safe: NOT_CONFIGURABLE,
  crlf: 'lines end with `\\n` (one JSON object per line)',
  browser: '@ecotrace/logger is for Node.js',
  levelVal: 'use `level`',
};

/** Edit distance counting a swap of two neighbours as one edit (typos), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known name `name` was probably meant to be, if one is close. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.min(2, Math.floor(name.length / 3))) ? best : undefined;
}

/**
 * Throws for a key of `object` that is not in `known`, naming it (with its parent, as
 * `redact.key`) and the option it was probably meant to be.
 */
function rejectUnknownKeys(object: object, known: readonly string[], parent?: string): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const option = parent === undefined ? key : `${parent}.${key}`;
    const instead = parent === undefined ? PINO_OPTIONS[key] : undefined;
    if (instead !== undefined) {
      fail(option, `is a pino option @ecotrace/logger does not take: ${instead}`);
    }
    const meant = closest(key, known);
    const prefix = parent === undefined ? '' : `${parent}.`;
    fail(
      option,
      meant === undefined
        ? `is not known (known: ${known.map((k) => prefix + k).join(', ')})`
        : `is not known; did you mean \`${prefix}${meant}\`?`,
    );
  }
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

/** pino-style paths (`*.password`, `a["b"]`) would silently never match: say so. */
function checkPaths(paths: readonly string[], option: string): void {
  for (const path of paths) {
    if (path.includes('*')) {
      fail(
        option,
        `has ${JSON.stringify(path)}: wildcards are not supported (secret words are censored at any depth already; add a word with \`keys\`)`,
      );
    }
    if (path.includes('[')) {
      fail(
        option,
        `has ${JSON.stringify(path)}: brackets are not supported; write dotted paths (a.b.c)`,
      );
    }
  }
}

function resolveSerializers(value: unknown): Serializers | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('serializers', 'must be an object of functions by key');
  }
  for (const [key, fn] of Object.entries(value)) {
    if (key === 'err') {
      fail(
        'serializers.err',
        'is not used: errors are always written as ECS `error.*` (type, message, code, stack_trace, causes)',
      );
    }
    if (typeof fn !== 'function') fail(`serializers.${key}`, 'must be a function');
  }
  return value as Serializers;
}

function resolveRedact(value: LoggerOptions['redact']): Redactor | undefined {
  if (value === undefined) return buildRedactor({});
  if (value === false) return undefined;
  if (Array.isArray(value)) {
    if (!value.every((v) => typeof v === 'string')) fail('redact', 'array must hold strings');
    checkPaths(value, 'redact');
    return buildRedactor({
      keys: value.filter((v) => !v.includes('.')),
      paths: value.filter((v) => v.includes('.')),
    });
  }
  if (typeof value !== 'object' || value === null) {
    fail('redact', 'must be false, an array of keys/paths or { keys, paths, defaults, censor }');
  }
  const cfg = value as Exclude<LoggerOptions['redact'], false | readonly string[] | undefined>;
  rejectUnknownKeys(cfg, REDACT_CONFIG_KEYS, 'redact');
  for (const list of ['keys', 'paths'] as const) {
    const v = cfg[list];
    if (v !== undefined && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) {
      fail(`redact.${list}`, 'must be an array of strings');
    }
  }
  checkPaths(cfg.paths ?? [], 'redact.paths');
  if (cfg.defaults !== undefined && typeof cfg.defaults !== 'boolean')
    fail('redact.defaults', 'must be a boolean');
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
  rejectUnknownKeys(options, OPTION_NAMES);
  const service = options.service ?? {};
  if (typeof service !== 'object' || service === null) fail('service', 'must be an object');
  rejectUnknownKeys(service, SERVICE_KEYS, 'service');
  const rateLimit = options.rateLimit;
  if (typeof rateLimit === 'object' && rateLimit !== null) {
    rejectUnknownKeys(rateLimit, RATE_LIMIT_KEYS, 'rateLimit');
  }
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
  for (const flag of ['traceCorrelation', 'handleExit', 'root'] as const) {
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
    root: options.root,
    serializers: resolveSerializers(options.serializers),
  };
}
