import { hostname as osHostname } from 'node:os';
import { dirname } from 'node:path';
import { nearestPackageJson } from './package-json.js';
import { parseResourceAttributes } from './resource-attributes.js';
import type { ServiceIdentity, ServiceIdentityOptions } from './types.js';

/** OTel's default when nothing names the service. */
export const UNKNOWN_SERVICE_NAME = 'unknown_service:node';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function appPackage(cwd: string): { name?: string; version?: string } | undefined {
  const fromCwd = nearestPackageJson(cwd);
  if (fromCwd) return fromCwd;
  const main = process.argv[1];
  return main ? nearestPackageJson(dirname(main)) : undefined;
}

/**
 * Who this process is, resolved once with one precedence so the logger's `service.*` fields and
 * the spans' resource always agree:
 * options > `OTEL_SERVICE_NAME` > `OTEL_RESOURCE_ATTRIBUTES` (`service.name`, `service.version`,
 * `deployment.environment.name` then `deployment.environment`, `service.namespace`; percent-decoded
 * like the OTel SDK does) > the app's package.json (nearest to `process.cwd()`, else to the main
 * script) for name/version > `'unknown_service:node'`.
 * `HOSTNAME` (the pod name in Kubernetes) gives `hostname` and `nodeName`, else `os.hostname()`.
 *
 * @param options - explicit values (default `{}`), each wins over the environment
 * @param env - the environment to read (default `process.env`)
 * @example
 * ```ts
 * resolveServiceIdentity({ version: '1.2.3' }, { OTEL_SERVICE_NAME: 'checkout', HOSTNAME: 'checkout-7d9f' });
 * // { name: 'checkout', version: '1.2.3', nodeName: 'checkout-7d9f', hostname: 'checkout-7d9f' }
 * ```
 */
export function resolveServiceIdentity(
  options: ServiceIdentityOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ServiceIdentity {
  const attrs = parseResourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES);
  let name =
    nonEmpty(options.name) ?? nonEmpty(env.OTEL_SERVICE_NAME) ?? nonEmpty(attrs['service.name']);
  let version = nonEmpty(options.version) ?? nonEmpty(attrs['service.version']);
  if (name === undefined || version === undefined) {
    const pkg = appPackage(options.cwd ?? process.cwd());
    // The app's own package.json is the last named source for each field separately.
    name ??= pkg?.name;
    version ??= pkg?.version;
  }
  const environment =
    nonEmpty(options.environment) ??
    nonEmpty(attrs['deployment.environment.name']) ??
    nonEmpty(attrs['deployment.environment']);
  const namespace = nonEmpty(options.namespace) ?? nonEmpty(attrs['service.namespace']);
  const podName = nonEmpty(env.HOSTNAME);
  const identity: ServiceIdentity = {
    name: name ?? UNKNOWN_SERVICE_NAME,
    hostname: podName ?? osHostname(),
  };
  if (version !== undefined) identity.version = version;
  if (environment !== undefined) identity.environment = environment;
  if (namespace !== undefined) identity.namespace = namespace;
  if (podName !== undefined) identity.nodeName = podName;
  return identity;
}
