import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  COLLECTOR_FIELDS,
  elasticsearchAssets,
  INDEX_PATTERN,
  POLICY_NAME,
} from '../scripts/elasticsearch-assets.mjs';
import { parseFluentBitConfig, plugin, setting } from './fluent-bit-config.js';
import { baseDir, deployDir, fluentBitConf } from './paths.js';

const assets = elasticsearchAssets();
const read = (name: string) => {
  const text = readFileSync(join(deployDir, 'elasticsearch', name), 'utf8');
  return name.endsWith('.ndjson') ? JSON.parse(text.trim()) : JSON.parse(text);
};
// biome-ignore lint/suspicious/noExplicitAny: JSON documents
const template = assets['index-template.json'] as any;
// biome-ignore lint/suspicious/noExplicitAny: JSON documents
const mappingAt = (path: string): any =>
  path
    .split('.')
    // biome-ignore lint/suspicious/noExplicitAny: JSON documents
    .reduce((node: any, part) => node?.properties?.[part], {
      properties: template.template.mappings.properties,
    });

describe('elasticsearch/ (generated from @ecotrace/ecs-schema)', () => {
  it.each(Object.keys(assets))(
    '%s is up to date (pnpm --filter @ecotrace/example-deploy generate)',
    (name) => {
      expect(read(name)).toEqual(JSON.parse(JSON.stringify(assets[name])));
    },
  );

  it('covers the data stream Fluent Bit writes', () => {
    const ds = parse(
      readFileSync(join(baseDir, 'daemonset.yaml'), 'utf8'),
    ).spec.template.spec.containers[0].env.find(
      (e: { name: string }) => e.name === 'ELASTICSEARCH_DATA_STREAM',
    ).value;
    const pattern = new RegExp(`^${INDEX_PATTERN.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
    expect(ds).toMatch(pattern);
    expect(template.index_patterns).toEqual([INDEX_PATTERN]);
    expect(template.data_stream).toEqual({});
    expect(template.template.settings['index.lifecycle.name']).toBe(POLICY_NAME);
  });

  it('maps what Fluent Bit adds, with the ECS types', () => {
    const es = plugin(parseFluentBitConfig(readFileSync(fluentBitConf, 'utf8')), 'OUTPUT', 'es');
    expect(COLLECTOR_FIELDS).toContain(setting(es, 'Time_Key'));
    expect(mappingAt('event.created')).toEqual({ type: 'date' });
    expect(mappingAt('orchestrator.resource.label')?.type).toBe('keyword');
    expect(mappingAt('container.image.tag')?.type).toBe('keyword');
    // And still what the logger writes.
    expect(mappingAt('trace.id')?.type).toBe('keyword');
    expect(mappingAt('event.duration')?.type).toBe('long');
  });

  it('links trace.id to Jaeger in the Kibana data view', () => {
    const view = read('kibana-data-view.ndjson');
    expect(view.attributes.title).toBe(INDEX_PATTERN);
    const formats = JSON.parse(view.attributes.fieldFormatMap);
    expect(formats['trace.id'].params.urlTemplate).toMatch(/\/trace\/\{\{value\}\}$/);
  });
});
