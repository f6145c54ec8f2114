import {
  describeServiceMismatch,
  loggerService,
  resolveServiceIdentity,
  type ServiceIdentity,
  warnOnce,
} from '@ecotrace/core';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  type Resource,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { ResolvedConfig } from './internal-types.js';

function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * The spans' resource. Service fields come from `resolveServiceIdentity` (the function the logger
 * uses, so `service.*` agree between logs and spans); Kubernetes fields from the downward API
 * variables a Deployment exposes: `K8S_POD_NAME` or `POD_NAME`, `K8S_NAMESPACE_NAME` or
 * `POD_NAMESPACE`, `K8S_NODE_NAME` or `NODE_NAME`; host and process from OTel's detectors.
 * Ours is merged last because in OTel's `merge` the argument wins, and options must beat env.
 */
export function buildResource(
  config: ResolvedConfig,
  env: NodeJS.ProcessEnv,
): { resource: Resource; identity: ServiceIdentity } {
  const identity = spansServiceIdentity(config, env);
  const attributes: Record<string, string> = {
    'service.name': identity.name,
    'host.name': identity.hostname,
  };
  if (identity.version) attributes['service.version'] = identity.version;
  if (identity.environment) attributes['deployment.environment.name'] = identity.environment;
  if (identity.namespace) attributes['service.namespace'] = identity.namespace;
  if (identity.nodeName) attributes['service.instance.id'] = identity.nodeName;
  const pod = firstSet(env, 'K8S_POD_NAME', 'POD_NAME');
  const namespace = firstSet(env, 'K8S_NAMESPACE_NAME', 'POD_NAMESPACE');
  const node = firstSet(env, 'K8S_NODE_NAME', 'NODE_NAME');
  if (pod) attributes['k8s.pod.name'] = pod;
  if (namespace) attributes['k8s.namespace.name'] = namespace;
  if (node) attributes['k8s.node.name'] = node;
  const detected = detectResources({ detectors: [envDetector, processDetector, hostDetector] });
  return {
    resource: defaultResource().merge(detected).merge(resourceFromAttributes(attributes)),
    identity,
  };
}

/**
 * One service for logs and spans (issue 17 item 6). Tracing publishes what it resolves here
 * (`TracingState.service`) and loggers created later adopt it. A logger created earlier has
 * already written its `service.*`: the fields the app gave it explicitly are taken here, below
 * our own options and above the environment, as the logger ranked them; if the two still differ
 * (our options against the logger's), one warning names both values.
 */
function spansServiceIdentity(config: ResolvedConfig, env: NodeJS.ProcessEnv): ServiceIdentity {
  const logger = loggerService();
  const fromLogger = logger?.explicit ?? {};
  const identity = resolveServiceIdentity(
    {
      name: config.serviceName ?? fromLogger.name,
      version: config.serviceVersion ?? fromLogger.version,
      environment: config.environment ?? fromLogger.environment,
      namespace: fromLogger.namespace,
    },
    env,
  );
  const mismatch = logger && describeServiceMismatch(logger.identity, identity);
  if (mismatch) {
    warnOnce(
      'ECOTRACE_SERVICE_MISMATCH',
      `@ecotrace/tracing: a logger created before tracing started writes another service than the spans' (${mismatch}). ` +
        'Name the service once: OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, or the same values in createLogger() and startTracing(), or start tracing first.',
    );
  }
  return identity;
}
