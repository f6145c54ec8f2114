import { existsSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';

/**
 * The instrumentations `@opentelemetry/auto-instrumentations-node` 0.81 offers, by the short name
 * `OTEL_NODE_ENABLED_INSTRUMENTATIONS` / `OTEL_NODE_DISABLED_INSTRUMENTATIONS` use (the package
 * name without `@opentelemetry/instrumentation-`), each with the modules it patches. Kept here so
 * we can decide what to load before loading anything: the package's own entry requires all 41
 * instrumentation packages up front. `auto-instrumentations.test.ts` checks this table against
 * the installed package (names and every instrumentation's module definitions).
 */
export const AUTO_INSTRUMENTATIONS: Readonly<Record<string, readonly string[]>> = {
  amqplib: ['amqplib'],
  'aws-lambda': [],
  'aws-sdk': [
    '@aws-sdk/middleware-stack',
    '@smithy/middleware-stack',
    '@smithy/core',
    '@aws-sdk/smithy-client',
    '@smithy/smithy-client',
  ],
  bunyan: ['bunyan'],
  'cassandra-driver': ['cassandra-driver'],
  connect: ['connect'],
  cucumber: ['@cucumber/cucumber'],
  dataloader: ['dataloader'],
  dns: ['dns', 'dns/promises'],
  express: ['express'],
  fs: ['fs', 'fs/promises'],
  'generic-pool': ['generic-pool'],
  graphql: ['graphql'],
  grpc: ['@grpc/grpc-js'],
  hapi: ['@hapi/hapi'],
  'host-metrics': [],
  http: ['https', 'http'],
  ioredis: ['ioredis'],
  kafkajs: ['kafkajs'],
  knex: ['knex'],
  koa: ['koa'],
  'lru-memoizer': ['lru-memoizer'],
  memcached: ['memcached'],
  mongodb: ['mongodb'],
  mongoose: ['mongoose'],
  mysql2: ['mysql2'],
  mysql: ['mysql'],
  'nestjs-core': ['@nestjs/core'],
  net: ['net'],
  openai: ['openai'],
  oracledb: ['oracledb'],
  pg: ['pg', 'pg-pool'],
  pino: ['pino'],
  redis: ['redis', '@redis/client', '@node-redis/client'],
  restify: ['restify'],
  router: ['router'],
  'runtime-node': [],
  'socket.io': ['socket.io'],
  tedious: ['tedious'],
  undici: [],
  winston: ['winston'],
};

/**
 * Off unless `OTEL_NODE_ENABLED_INSTRUMENTATIONS` names them: a span per file, lookup or socket
 * buries the request's tree (fs, dns, net); host-metrics and runtime-node only make metrics,
 * which this package does not export. The log-library instrumentations (pino, winston,
 * bunyan) are off too: @ecotrace/logger already writes `trace.id`/`span.id`, and
 * instrumentation-pino would add a second set (`trace_id`, `span_id`, `trace_flags`) to every
 * line and wrap the logger's destination in a stream of its own to send log records, which our
 * exit flush cannot reach: on SIGTERM the buffered tail of stdout was lost (68k of 100k lines
 * in logger/test/hardening/shutdown.test.ts). (auto-instrumentations-node itself leaves only fs
 * and host-metrics off.)
 */
export const DEFAULT_OFF: readonly string[] = [
  'fs',
  'dns',
  'net',
  'host-metrics',
  'runtime-node',
  'pino',
  'winston',
  'bunyan',
];

const PACKAGE_PREFIX = '@opentelemetry/instrumentation-';
const BUILTINS = new Set(builtinModules);

export function packageOf(shortName: string): string {
  return `${PACKAGE_PREFIX}${shortName}`;
}

function parseList(value: string | undefined, variable: string): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!Object.hasOwn(AUTO_INSTRUMENTATIONS, name)) {
      throw new Error(
        `@ecotrace/tracing: unknown instrumentation "${name}" in ${variable}; names are the package ` +
          `names without "${PACKAGE_PREFIX}": ${Object.keys(AUTO_INSTRUMENTATIONS).join(', ')}`,
      );
    }
  }
  return names;
}

/** Per-instrumentation switches from code: `enabled` wins over both env variables. */
export type EnabledOverrides = Readonly<Record<string, { enabled?: boolean } | undefined>>;

export interface Selection {
  /** Short names to load, in table order. */
  load: string[];
  /** Enabled, but none of their modules is installed: not loaded. */
  notInstalled: string[];
}

/**
 * Which instrumentations to load. The switches follow auto-instrumentations-node: `enabled` in
 * code wins; then `OTEL_NODE_DISABLED_INSTRUMENTATIONS` removes; a set
 * `OTEL_NODE_ENABLED_INSTRUMENTATIONS` keeps only what it lists; unset, all but {@link DEFAULT_OFF}.
 * Then, unlike auto-instrumentations-node, an instrumentation whose modules are all absent is not
 * loaded (its package costs start-up time and memory for nothing), unless named explicitly
 * (listed in `OTEL_NODE_ENABLED_INSTRUMENTATIONS` or `enabled: true` in code).
 * Throws naming the variable for an unknown name.
 */
export function selectInstrumentations(
  env: NodeJS.ProcessEnv,
  overrides: EnabledOverrides,
  isInstalled: (moduleName: string) => boolean,
): Selection {
  const enabled = parseList(
    env.OTEL_NODE_ENABLED_INSTRUMENTATIONS,
    'OTEL_NODE_ENABLED_INSTRUMENTATIONS',
  );
  const disabled =
    parseList(env.OTEL_NODE_DISABLED_INSTRUMENTATIONS, 'OTEL_NODE_DISABLED_INSTRUMENTATIONS') ?? [];
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(AUTO_INSTRUMENTATIONS, name)) {
      throw new Error(
        `@ecotrace/tracing: unknown instrumentation "${name}" in the instrumentationConfig option; ` +
          `names are the package names without "${PACKAGE_PREFIX}"`,
      );
    }
  }
  const selection: Selection = { load: [], notInstalled: [] };
  const explicitNames = new Set<string>();
  for (const [name, modules] of Object.entries(AUTO_INSTRUMENTATIONS)) {
    const inCode = overrides[name]?.enabled;
    let on: boolean;
    let explicit: boolean;
    if (inCode !== undefined) {
      on = inCode;
      explicit = inCode;
    } else if (disabled.includes(name)) {
      on = false;
      explicit = false;
    } else if (enabled) {
      on = enabled.includes(name);
      explicit = on;
    } else {
      on = !DEFAULT_OFF.includes(name);
      explicit = false;
    }
    if (!on) continue;
    if (explicit) explicitNames.add(name);
    if (explicit || targetPresent(name, modules, env, isInstalled)) selection.load.push(name);
    else selection.notInstalled.push(name);
  }
  // Express 5 is built on the `router` package: with both instrumentations every layer is traced
  // twice (a "middleware - patched" span wrapping the express one). Router alone is for apps
  // using `router` without Express; named explicitly, it loads anyway.
  if (selection.load.includes('express') && !explicitNames.has('router')) {
    selection.load = selection.load.filter((n) => n !== 'router');
  }
  return selection;
}

function targetPresent(
  name: string,
  modules: readonly string[],
  env: NodeJS.ProcessEnv,
  isInstalled: (moduleName: string) => boolean,
): boolean {
  // Instrumentations with no module to wait for: undici hooks Node's own fetch (diagnostics
  // channel); aws-lambda wraps the handler Lambda's runtime names; the metric ones need nothing.
  if (modules.length === 0) {
    if (name === 'aws-lambda') return Boolean(env.AWS_LAMBDA_FUNCTION_NAME || env.LAMBDA_TASK_ROOT);
    return true;
  }
  return modules.some((m) => BUILTINS.has(m) || isInstalled(m));
}

/**
 * Tells whether a package is installed where the app could load it: a `node_modules/<name>`
 * directory in the app's directory (the main script's, and the working directory) or any parent,
 * including pnpm's hidden `node_modules/.pnpm/node_modules` (where pnpm puts every package of
 * the store for the packages inside it, so a driver a library brings along, like mongoose's
 * mongodb, is found). Under Yarn Plug'n'Play there are no such directories: everything counts
 * as installed. Directory checks only: nothing is resolved or loaded.
 */
export function installedIn(
  startDirs: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): (moduleName: string) => boolean {
  if (process.versions.pnp) return () => true;
  const roots: string[] = [];
  const seen = new Set<string>();
  const addChain = (start: string): void => {
    let dir = start;
    const { root } = parse(dir);
    for (;;) {
      if (seen.has(dir)) return;
      seen.add(dir);
      const nm = join(dir, 'node_modules');
      if (existsSync(nm)) {
        roots.push(nm);
        const pnpm = join(nm, '.pnpm', 'node_modules');
        if (existsSync(pnpm)) roots.push(pnpm);
      }
      if (dir === root) return;
      dir = dirname(dir);
    }
  };
  for (const dir of startDirs) addChain(dir);
  for (const dir of (env.NODE_PATH ?? '').split(':').filter(Boolean)) roots.push(dir);
  const memo = new Map<string, boolean>();
  return (moduleName) => {
    let found = memo.get(moduleName);
    if (found === undefined) {
      found = roots.some((r) => existsSync(join(r, moduleName, 'package.json')));
      memo.set(moduleName, found);
    }
    return found;
  };
}

/** The directories an app's modules are resolved from: its main script's and the working directory. */
export function appDirs(): string[] {
  const dirs = [process.cwd()];
  const main = process.argv[1];
  if (main) dirs.unshift(dirname(main));
  return dirs;
}

type InstrumentationClass = new (config?: object) => unknown;

let loadFromAuto: NodeJS.Require | undefined;

/**
 * Loads one instrumentation class from the packages auto-instrumentations-node depends on
 * (required from its own location, so the versions are the ones it was released with).
 */
export function loadInstrumentationClass(shortName: string, base: string): InstrumentationClass {
  loadFromAuto ??= createRequire(
    createRequire(base).resolve('@opentelemetry/auto-instrumentations-node'),
  );
  const exported = loadFromAuto(packageOf(shortName)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(exported)) {
    if (typeof value === 'function' && key.endsWith('Instrumentation'))
      return value as InstrumentationClass;
  }
  throw new Error(`${packageOf(shortName)} exports no instrumentation class`);
}
