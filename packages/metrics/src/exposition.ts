import { type Metric, Registry, type RegistryContentType } from 'prom-client';
import { wantsOpenMetrics } from './negotiate.js';
import type { Exposition, OpenMetricsRegistry } from './types.js';

type Named = Metric & { name: string; type?: string };

/**
 * Renders one registry in either format. prom-client chooses the format from the registry's
 * content type, and exemplars need an OpenMetrics registry, so a Prometheus-text scrape switches
 * the type for its duration; scrapes are therefore serialised. prom-client's OpenMetrics
 * rendering also renames counters in place (drops `_total`, which it adds back per sample), so
 * their names are restored before a Prometheus-text render: `process_cpu_seconds_total` stays
 * that name in both formats, whichever was scraped first.
 */
export function createRenderer(
  openMetricsRegistry: OpenMetricsRegistry,
): (accept?: string) => Promise<Exposition> {
  // Switching the type is what this function is for: widen the registry's bound type.
  const registry = openMetricsRegistry as unknown as Registry<RegistryContentType>;
  const originalNames = new WeakMap<Named, string>();
  let queue: Promise<unknown> = Promise.resolve();

  async function renderNow(openMetrics: boolean): Promise<Exposition> {
    const metrics = registry.getMetricsAsArray() as unknown as Named[];
    for (const metric of metrics) {
      if (!originalNames.has(metric)) originalNames.set(metric, metric.name);
    }
    if (openMetrics) {
      registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
      return { contentType: Registry.OPENMETRICS_CONTENT_TYPE, body: await registry.metrics() };
    }
    for (const metric of metrics) metric.name = originalNames.get(metric) ?? metric.name;
    registry.setContentType(Registry.PROMETHEUS_CONTENT_TYPE);
    try {
      return { contentType: Registry.PROMETHEUS_CONTENT_TYPE, body: await registry.metrics() };
    } finally {
      registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    }
  }

  return function render(accept?: string): Promise<Exposition> {
    const openMetrics = wantsOpenMetrics(accept);
    const result = queue.then(() => renderNow(openMetrics));
    queue = result.catch(() => undefined);
    return result;
  };
}
