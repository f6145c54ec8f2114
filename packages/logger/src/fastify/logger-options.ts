import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import type { Logger } from 'pino';
import { ecotraceChildLogger, ecotraceGenReqId } from './request-log.js';

/**
 * An instance of Fastify's `LogController` when the installed Fastify types have one, else
 * `never`: Fastify 4 types have no such export, and naming it directly would break
 * type-checking there.
 */
export type FastifyLogControllerInstance = typeof import('fastify') extends {
  LogController: abstract new (...args: never[]) => infer Instance;
}
  ? Instance
  : never;

/** What {@link fastifyLoggerOptions} returns for Fastify 5 (spread into `Fastify({...})`). */
export interface FastifyV5LoggerOptions {
  loggerInstance: Logger;
  /** Set only on Fastify 5 releases without `LogController`, which have no deprecation. */
  disableRequestLogging?: true;
  /** Set when the app's Fastify has `LogController` (the way Fastify ≥ 5.12 wants). */
  logController?: FastifyLogControllerInstance;
  genReqId: typeof ecotraceGenReqId;
  childLoggerFactory: typeof ecotraceChildLogger;
}

/** What {@link fastifyLoggerOptions} returns for Fastify 4. */
export interface FastifyV4LoggerOptions {
  logger: Logger;
  disableRequestLogging: true;
  requestIdHeader: false;
  genReqId: typeof ecotraceGenReqId;
  childLoggerFactory: typeof ecotraceChildLogger;
}

type LogControllerClass = new (options: { disableRequestLogging: boolean }) => unknown;

/** Options of {@link fastifyLoggerOptions}. */
export interface FastifyLoggerOptionsConfig {
  /**
   * Major version of Fastify in use. Default: the major of the Fastify the app has loaded (found
   * as for `LogController`, see {@link fastifyLoggerOptions}), else `5`.
   */
  fastifyVersion?: 4 | 5;
  /**
   * Fastify's `LogController` class (`import { LogController } from 'fastify'`), to pin the copy
   * whose class disables request logging. Default: the `LogController` of the Fastify the app
   * has loaded, when it has one (see {@link fastifyLoggerOptions}).
   */
  LogController?: LogControllerClass;
}

interface LoadedFastify {
  exports: unknown;
  /** Major version from its package.json; undefined if unreadable. */
  major: number | undefined;
}

/**
 * The `fastify` module the app already loaded, or undefined. Fastify accepts only an
 * `instanceof` its own `LogController`, so a copy the app did not load (another version nested
 * elsewhere) would make `Fastify()` throw: we take `fastify` as resolved from the app's entry
 * script, the working directory, then this package (the peer-dependency view), and use it only
 * when that very file is in the require cache (an ESM `import` of Fastify puts it there too).
 * We never load Fastify ourselves; any failure means "none", i.e. the fallback options.
 */
function loadedFastify(): LoadedFastify | undefined {
  const entry = process.argv[1];
  const bases = [
    entry !== undefined && isAbsolute(entry) ? entry : undefined,
    `${process.cwd()}/`,
    import.meta.url,
  ];
  for (const base of bases) {
    if (base === undefined) continue;
    try {
      const localRequire = createRequire(base);
      const file = localRequire.resolve('fastify');
      const loaded = localRequire.cache[file];
      if (loaded === undefined) continue;
      let major: number | undefined;
      try {
        // fastify.js sits next to its package.json in every release (main, no exports map).
        const manifest = JSON.parse(readFileSync(join(dirname(file), 'package.json'), 'utf8'));
        major = Number.parseInt(String(manifest.version), 10) || undefined;
      } catch {
        major = undefined;
      }
      return { exports: loaded.exports, major };
    } catch {
      // Not resolvable from this base: try the next one.
    }
  }
  return undefined;
}

/**
 * The `LogController` of the loaded Fastify, or undefined when it predates the class, and with
 * it the FSTDEP023 deprecation (both came in fastify/fastify#6580): the top-level option is the
 * way there.
 */
function logControllerOf(loaded: LoadedFastify | undefined): LogControllerClass | undefined {
  const LogController = (loaded?.exports as { LogController?: unknown } | undefined)?.LogController;
  return typeof LogController === 'function' ? (LogController as LogControllerClass) : undefined;
}

/**
 * Fastify constructor options that make `fastify.log` and `request.log` our ECS logger:
 * the logger (`loggerInstance` on Fastify 5, `logger` on 4), Fastify's own request logging off
 * (its "incoming request"/"request completed"/error lines carry raw `req`/`res` objects; the
 * plugin writes ECS access and error lines instead), `genReqId` from `x-request-id`, and a
 * child factory binding the id as `http.request.id`.
 *
 * Without `config.fastifyVersion`, the options match the Fastify the app has loaded (so the
 * example below also works on Fastify 4, where `loggerInstance` would be ignored and
 * `fastify.log` silently write nothing); 5 when none is found.
 *
 * Request logging is turned off the way the running Fastify wants it, so no deprecation
 * warning is printed: on Fastify 5 with `LogController` (5.12 deprecates the top-level option
 * as FSTDEP023) through `logController: new LogController({ disableRequestLogging: true })`,
 * using `config.LogController` or else the class of the Fastify the app has loaded (resolved
 * from the app and found in the require cache); otherwise (Fastify 4, a 5.x before `LogController`,
 * or a Fastify not found, e.g. bundled) through `disableRequestLogging: true`. Never loads Fastify itself.
 *
 * @param logger - a logger from `createLogger()`
 * @param config - `fastifyVersion` (default: the loaded Fastify's, else 5), `LogController`
 *   (default: the app's, if any)
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createLogger } from '@ecotrace/logger';
 * import { ecsLogging, fastifyLoggerOptions } from '@ecotrace/logger/fastify';
 *
 * const app = Fastify({ ...fastifyLoggerOptions(createLogger()) });
 * await app.register(ecsLogging());
 * ```
 */
export function fastifyLoggerOptions(
  logger: Logger,
  config: { fastifyVersion: 4 },
): FastifyV4LoggerOptions;
export function fastifyLoggerOptions(
  logger: Logger,
  config?: FastifyLoggerOptionsConfig & { fastifyVersion?: 5 },
): FastifyV5LoggerOptions;
export function fastifyLoggerOptions(
  logger: Logger,
  config: FastifyLoggerOptionsConfig = {},
): FastifyV4LoggerOptions | FastifyV5LoggerOptions {
  if (logger === null || typeof logger !== 'object' || typeof logger.child !== 'function') {
    throw new TypeError('fastifyLoggerOptions: logger must be a pino logger (from createLogger())');
  }
  // Found only when the caller has not named both: it reads the require cache and a file.
  const loaded =
    config.fastifyVersion === undefined || config.LogController === undefined
      ? loadedFastify()
      : undefined;
  const version = config.fastifyVersion ?? (loaded?.major === 4 ? 4 : 5);
  if (version !== 4 && version !== 5) {
    throw new TypeError('fastifyLoggerOptions: config.fastifyVersion must be 4 or 5');
  }
  const common = { genReqId: ecotraceGenReqId, childLoggerFactory: ecotraceChildLogger };
  if (version === 4) {
    // Fastify 4 reads `request-id` by default and would trust it raw; genReqId validates.
    return { logger, disableRequestLogging: true, requestIdHeader: false, ...common };
  }
  if (config.LogController !== undefined && typeof config.LogController !== 'function') {
    throw new TypeError(
      'fastifyLoggerOptions: config.LogController must be the LogController class from fastify',
    );
  }
  const LogController = config.LogController ?? logControllerOf(loaded);
  if (LogController === undefined) {
    return { loggerInstance: logger, disableRequestLogging: true, ...common };
  }
  return {
    loggerInstance: logger,
    logController: new LogController({
      disableRequestLogging: true,
    }) as FastifyLogControllerInstance,
    ...common,
  };
}
