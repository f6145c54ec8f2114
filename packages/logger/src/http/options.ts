import { DEFAULT_HEALTH_PATHS } from '@ecotrace/core';
import type { Logger } from 'pino';
import { type QueryParamTest, sensitiveQueryParamTest } from '../redact/query-redaction.js';
import type { TrustProxy } from './client-ip.js';
import { headerAllowList, type SecretHeaderTest, secretHeaderTest } from './header-fields.js';
import { type AccessLevelRule, defaultAccessLevel } from './status-level.js';

/** Options shared by the Express middleware and the Fastify plugin. */
export interface HttpLoggingOptions {
  /** The logger requests log through (each request gets a child). Default: the root logger of `getLogger()`. */
  logger?: Logger;
  /**
   * Whether forwarding headers (`x-forwarded-for`, `x-envoy-external-address`,
   * `x-forwarded-proto`, `x-forwarded-host`) are believed for `client.ip`, `url.scheme` and
   * `url.domain`. `true` trusts all proxies, a number trusts that many hops. Behind an Istio
   * sidecar, `true` is right. Default: `false` (socket address, `Host` header).
   */
  trustProxy?: TrustProxy;
  /** Paths whose successful responses are not access-logged. Default: `DEFAULT_HEALTH_PATHS` (`/healthz`, `/readyz`, `/livez`, `/metrics`). */
  healthPaths?: readonly string[];
  /** Request headers logged as `http.request.headers` (secrets redacted). Default: none. */
  requestHeaders?: readonly string[];
  /** Response headers logged as `http.response.headers` (secrets redacted). Default: none. */
  responseHeaders?: readonly string[];
  /** Extra query parameter names whose values are redacted in `url.query`/`url.full`. Default: none (built-ins always apply). */
  redactQueryParams?: readonly string[];
  /** Level of the access line. Default: 5xx `error`, 4xx and aborted `warn`, else `info`. */
  accessLevel?: AccessLevelRule;
  /** Set `x-request-id` on the response to `http.request.id`. Default: `true`. */
  echoRequestId?: boolean;
}

/** Options after validation, with everything precomputed that the request path needs. */
export interface ResolvedHttpOptions {
  logger: Logger | undefined;
  trustProxy: TrustProxy;
  healthPaths: readonly string[];
  requestHeaders: readonly string[];
  responseHeaders: readonly string[];
  isSensitiveParam: QueryParamTest;
  isSecretHeader: SecretHeaderTest;
  accessLevel: AccessLevelRule;
  echoRequestId: boolean;
}

function stringList(value: unknown, option: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new TypeError(`${option} must be an array of strings`);
  }
  return Object.freeze([...value]);
}

/**
 * Validates options once, at construction, throwing a `TypeError` that names the bad option.
 * `prefix` is the public name of the factory (`ecsLogging`), used in messages.
 */
export function resolveHttpOptions(
  options: HttpLoggingOptions | undefined,
  prefix: string,
): ResolvedHttpOptions {
  const o = options ?? {};
  if (typeof o !== 'object') throw new TypeError(`${prefix}: options must be an object`);
  const logger = o.logger;
  if (logger !== undefined && (typeof logger !== 'object' || typeof logger.child !== 'function')) {
    throw new TypeError(`${prefix}: options.logger must be a pino logger (from createLogger())`);
  }
  const trustProxy = o.trustProxy ?? false;
  if (typeof trustProxy !== 'boolean' && !(Number.isInteger(trustProxy) && trustProxy >= 0)) {
    throw new TypeError(
      `${prefix}: options.trustProxy must be a boolean or a hop count (integer >= 0)`,
    );
  }
  if (o.accessLevel !== undefined && typeof o.accessLevel !== 'function') {
    throw new TypeError(
      `${prefix}: options.accessLevel must be a function (statusCode, aborted) => level`,
    );
  }
  if (o.echoRequestId !== undefined && typeof o.echoRequestId !== 'boolean') {
    throw new TypeError(`${prefix}: options.echoRequestId must be a boolean`);
  }
  return {
    logger,
    trustProxy,
    healthPaths:
      stringList(o.healthPaths, `${prefix}: options.healthPaths`) ?? DEFAULT_HEALTH_PATHS,
    requestHeaders: headerAllowList(o.requestHeaders, `${prefix}: options.requestHeaders`),
    responseHeaders: headerAllowList(o.responseHeaders, `${prefix}: options.responseHeaders`),
    isSensitiveParam: sensitiveQueryParamTest(
      stringList(o.redactQueryParams, `${prefix}: options.redactQueryParams`),
    ),
    isSecretHeader: secretHeaderTest(),
    accessLevel: o.accessLevel ?? defaultAccessLevel,
    echoRequestId: o.echoRequestId ?? true,
  };
}
