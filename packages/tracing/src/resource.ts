import { resolveServiceIdentity } from '@ecotrace/core';
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
): { resource: Resource; serviceName: string } {
  const identity = resolveServiceIdentity(
    { name: config.serviceName, version: config.serviceVersion, environment: config.environment },
    env,
  );
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
    serviceName: identity.name,
  };
}
