import type { EcsFieldInfo } from '../types.js';

/** One Elasticsearch field mapping (the subset ECS uses). */
export interface EsFieldMapping {
  type: string;
  ignore_above?: number;
  scaling_factor?: number;
  index?: boolean;
  doc_values?: boolean;
  dynamic?: boolean;
  fields?: Record<string, { type: string }>;
}

/** An Elasticsearch `properties` tree: leaves are mappings, objects hold `properties`. */
export interface EsProperties {
  [name: string]: EsFieldMapping | { type?: 'object'; properties: EsProperties; dynamic?: boolean };
}

/** The Elasticsearch mapping ECS prescribes for one field, from the generated table. */
export function mappingOf(info: EcsFieldInfo): EsFieldMapping {
  const mapping: EsFieldMapping = { type: info.type };
  if (info.ignoreAbove !== undefined) mapping.ignore_above = info.ignoreAbove;
  if (info.scalingFactor !== undefined) mapping.scaling_factor = info.scalingFactor;
  if (info.indexed === false) {
    mapping.index = false;
    mapping.doc_values = false;
  }
  if (info.multiFields && info.multiFields.length > 0) {
    mapping.fields = Object.fromEntries(info.multiFields.map((m) => [m.name, { type: m.type }]));
  }
  // Free-form objects whose leaves share a type (labels): new keys are mapped by a dynamic
  // template rather than guessed from the first value seen.
  if (info.objectType !== undefined) mapping.dynamic = true;
  return mapping;
}

/**
 * Builds nested `properties` from dotted names, the way Elasticsearch stores them
 * (`http.request.method` → `http.properties.request.properties.method`).
 */
export function propertiesOf(mappings: ReadonlyMap<string, EsFieldMapping>): EsProperties {
  const root: EsProperties = {};
  for (const [name, mapping] of mappings) {
    const segments = name.split('.');
    let level = root;
    for (const segment of segments.slice(0, -1)) {
      const existing = level[segment];
      if (existing === undefined) {
        const child: EsProperties = {};
        level[segment] = { properties: child };
        level = child;
      } else if ('properties' in existing && existing.properties) {
        level = existing.properties;
      } else {
        throw new Error(`ecs-schema: ${name} lies below the leaf field ${segment}`);
      }
    }
    level[segments[segments.length - 1]!] = { ...mapping };
  }
  return root;
}
