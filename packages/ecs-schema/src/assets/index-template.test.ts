import { describe, expect, expectTypeOf, it } from 'vitest';
import { ecsField } from '../field-table.js';
import type { EcsLogRecord } from '../types.js';
import type { EsFieldMapping, EsProperties } from './es-mapping.js';
import { indexTemplate } from './index-template.js';
import {
  DISPLACED_FIELD,
  LOGGER_CUSTOM_FIELDS,
  LOGGER_FIELDS,
  type LoggerField,
} from './logger-fields.js';

/** Walks an ES properties tree back into dotted leaf names and their mappings. */
function leaves(props: EsProperties, prefix = ''): Map<string, EsFieldMapping> {
  const out = new Map<string, EsFieldMapping>();
  for (const [key, value] of Object.entries(props)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if ('properties' in value && value.properties) {
      for (const [k, v] of leaves(value.properties, name)) out.set(k, v);
    } else {
      out.set(name, value as EsFieldMapping);
    }
  }
  return out;
}

type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };

describe('indexTemplate', () => {
  const template = indexTemplate();
  const mapped = leaves(template.template.mappings.properties);

  it('maps every logger field, and nothing else but ecotrace.displaced', () => {
    expect([...mapped.keys()].sort()).toEqual([...LOGGER_FIELDS, DISPLACED_FIELD].sort());
    expect(mapped.get(DISPLACED_FIELD)).toEqual({ type: 'flattened' });
  });

  it('maps each field exactly as the ECS table says', () => {
    for (const [name, mapping] of mapped) {
      if (name === DISPLACED_FIELD || name in LOGGER_CUSTOM_FIELDS) continue;
      const info = ecsField(name);
      expect(info, name).toBeDefined();
      expect(mapping.type, name).toBe(info!.type);
      expect(mapping.ignore_above, name).toBe(info!.ignoreAbove);
      expect(mapping.fields, name).toEqual(
        info!.multiFields
          ? Object.fromEntries(info!.multiFields.map((m) => [m.name, { type: m.type }]))
          : undefined,
      );
    }
    expect(mapped.get('message')).toEqual({ type: 'match_only_text' });
    expect(mapped.get('error.stack_trace')).toEqual({
      type: 'wildcard',
      fields: { text: { type: 'match_only_text' } },
    });
    expect(mapped.get('@timestamp')).toEqual({ type: 'date' });
    expect(mapped.get('event.duration')).toEqual({ type: 'long' });
    expect(mapped.get('client.ip')).toEqual({ type: 'ip' });
    expect(mapped.get('labels')).toEqual({ type: 'object', dynamic: true });
  });

  it('maps the access line fields, ECS (event.reason) and not (http.route, service.namespace)', () => {
    expect(mapped.get('event.reason')).toEqual({ type: 'keyword', ignore_above: 1024 });
    expect(mapped.get('http.route')).toEqual({ type: 'keyword', ignore_above: 1024 });
    expect(mapped.get('service.namespace')).toEqual({ type: 'keyword', ignore_above: 1024 });
    const narrow = leaves(indexTemplate({ ignoreAbove: 256 }).template.mappings.properties);
    expect(narrow.get('http.route')).toEqual({ type: 'keyword', ignore_above: 256 });
    // ECS keywords keep ECS's own ignore_above.
    expect(narrow.get('event.reason')).toEqual({ type: 'keyword', ignore_above: 1024 });
  });

  it('nests dotted names as Elasticsearch does', () => {
    const http = template.template.mappings.properties.http as { properties: EsProperties };
    const request = http.properties.request as { properties: EsProperties };
    expect(request.properties.method).toEqual({ type: 'keyword', ignore_above: 1024 });
  });

  it('turns unknown strings and labels into keywords', () => {
    expect(template.template.mappings.dynamic_templates).toEqual([
      {
        labels_as_keyword: {
          path_match: 'labels.*',
          mapping: { type: 'keyword', ignore_above: 1024 },
        },
      },
      {
        strings_as_keyword: {
          match_mapping_type: 'string',
          mapping: { type: 'keyword', ignore_above: 1024 },
        },
      },
    ]);
    expect(template.template.mappings.date_detection).toBe(false);
  });

  it('is a composable template for logs-ecotrace-* (ours only, not every logs-*) with a data stream and the ILM policy by default', () => {
    expect(template).toMatchObject({
      index_patterns: ['logs-ecotrace-*'],
      priority: 200,
      composed_of: [],
      data_stream: {},
      _meta: { ecs_version: '9.4.0' },
    });
    expect(template.template.settings['index.lifecycle.name']).toBe('ecotrace-logs');
    const plain = indexTemplate({
      dataStream: false,
      ilmPolicy: null,
      indexPatterns: ['app-*'],
      ignoreAbove: 256,
    });
    expect(plain.data_stream).toBeUndefined();
    expect(plain.index_patterns).toEqual(['app-*']);
    expect(plain.template.settings['index.lifecycle.name']).toBeUndefined();
    expect(
      plain.template.mappings.dynamic_templates[1]!.strings_as_keyword!.mapping.ignore_above,
    ).toBe(256);
  });

  it('throws on bad options, naming the option', () => {
    expect(() => indexTemplate({ indexPatterns: [] })).toThrow(/indexPatterns/);
    expect(() => indexTemplate({ priority: -1 })).toThrow(/priority/);
    expect(() => indexTemplate({ ilmPolicy: 'has space' })).toThrow(/ilmPolicy/);
    expect(() => indexTemplate({ ignoreAbove: 0 })).toThrow(/ignoreAbove/);
  });
});

describe('LOGGER_FIELDS', () => {
  it('are ECS fields except LOGGER_CUSTOM_FIELDS, which ECS lacks; listed once', () => {
    for (const name of LOGGER_FIELDS) {
      if (name in LOGGER_CUSTOM_FIELDS) expect(ecsField(name), name).toBeUndefined();
      else expect(ecsField(name), name).toBeDefined();
    }
    for (const name of Object.keys(LOGGER_CUSTOM_FIELDS)) {
      expect(LOGGER_FIELDS as readonly string[]).toContain(name);
    }
    expect(new Set(LOGGER_FIELDS).size).toBe(LOGGER_FIELDS.length);
  });

  it('are exactly the fields EcsLogRecord types', () => {
    expectTypeOf<KnownKeys<EcsLogRecord>>().toEqualTypeOf<LoggerField>();
  });
});
