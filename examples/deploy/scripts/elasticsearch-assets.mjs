// @ts-check
import { ecsField, ilmPolicy, indexTemplate, kibanaDataView } from '@ecotrace/ecs-schema';

/**
 * The data streams Fluent Bit writes (`ELASTICSEARCH_DATA_STREAM=logs-ecotrace-default` in
 * k8s/base/daemonset.yaml): the template covers only them, so Elastic's built-in `logs-*-*`
 * template keeps serving every other logs data stream in the cluster.
 */
export const INDEX_PATTERN = 'logs-ecotrace-*';
/** ILM policy name, referenced by the template. */
export const POLICY_NAME = 'ecotrace-logs';
/** Where `trace.id` links to in Kibana; replace the host with your Jaeger UI. */
export const JAEGER_URL = 'https://jaeger.example.com/trace/{{value}}';

/**
 * ECS fields that Fluent Bit adds (k8s/base/fluent-bit: the es output's Time_Key and the Lua
 * filter), which the logger never writes, so ecs-schema's template does not map them. Without
 * an explicit mapping `event.created` would be mapped dynamically as a keyword, not a date.
 */
export const COLLECTOR_FIELDS = Object.freeze([
  'event.created',
  'event.sequence',
  'log.file.path',
  'orchestrator.type',
  'orchestrator.cluster.name',
  'orchestrator.namespace',
  'orchestrator.resource.type',
  'orchestrator.resource.name',
  'orchestrator.resource.id',
  'orchestrator.resource.label',
  'container.name',
  'container.id',
  'container.image.name',
  'container.image.tag',
  'host.name',
]);

/**
 * Adds a leaf mapping at a dotted path of an Elasticsearch `properties` tree, keeping what is
 * there (ecs-schema's mapping wins when it has the field).
 * @param {Record<string, any>} properties
 * @param {string} name
 * @param {Record<string, unknown>} mapping
 */
function addMapping(properties, name, mapping) {
  const parts = name.split('.');
  let node = properties;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= { properties: {} };
    node[part].properties ??= {};
    node = node[part].properties;
  }
  node[/** @type {string} */ (parts.at(-1))] ??= mapping;
}

/**
 * The Elasticsearch and Kibana assets of examples/deploy/elasticsearch, built by
 * @ecotrace/ecs-schema from the same ECS table the logger writes by.
 * @returns {Record<string, unknown>} file name → content (the .ndjson entry is one saved object)
 */
export function elasticsearchAssets() {
  const template = indexTemplate({
    indexPatterns: [INDEX_PATTERN],
    dataStream: true,
    ilmPolicy: POLICY_NAME,
  });
  // One primary shard: Elasticsearch accepts or rejects (429) a bulk's items per shard, so with
  // one shard a rejected bulk has no accepted item, and Fluent Bit's es output retries it. With
  // more shards one item can be rejected while others are accepted, and Fluent Bit 5.1.1 counts
  // that bulk as sent: the rejected lines are lost without a log line (docs/deploy.md).
  template.template.settings['index.number_of_shards'] = 1;
  for (const name of COLLECTOR_FIELDS) {
    const info = ecsField(name);
    // All of them are plain ECS types (date, keyword) whose Elasticsearch type has the same name.
    if (!info || !['date', 'keyword', 'long'].includes(info.type)) {
      throw new Error(`COLLECTOR_FIELDS: ${name} is not a date, keyword or long field of ECS`);
    }
    addMapping(
      template.template.mappings.properties,
      name,
      info.type === 'keyword' ? { type: 'keyword', ignore_above: 1024 } : { type: info.type },
    );
  }
  // Not ECS: the line id the Lua filter makes (the document's _id). Looked up by exact value only.
  addMapping(template.template.mappings.properties, 'ecotrace.line_id', {
    type: 'keyword',
    ignore_above: 1024,
  });
  return {
    'ilm-policy.json': ilmPolicy({
      deleteAfter: '7d',
      rolloverMaxSize: '50gb',
      rolloverMaxAge: '1d',
    }),
    'index-template.json': template,
    'kibana-data-view.ndjson': kibanaDataView({ jaegerUrl: JAEGER_URL, title: INDEX_PATTERN }),
  };
}

/**
 * The file text for one asset: pretty JSON, or one line for the saved-objects NDJSON.
 * @param {string} name
 * @param {unknown} value
 */
export function assetText(name, value) {
  return name.endsWith('.ndjson')
    ? `${JSON.stringify(value)}\n`
    : `${JSON.stringify(value, null, 2)}\n`;
}
