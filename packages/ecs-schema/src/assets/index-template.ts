import { ecsField } from '../field-table.js';
import { ECS_VERSION } from '../generated/ecs-fields.js';
import { DEFAULT_ASSET_NAME, DEFAULT_INDEX_PATTERN, nameOption } from './asset-options.js';
import { type EsFieldMapping, type EsProperties, mappingOf, propertiesOf } from './es-mapping.js';
import { DISPLACED_FIELD, LOGGER_CUSTOM_FIELDS, LOGGER_FIELDS } from './logger-fields.js';

/** Options of `indexTemplate()`. */
export interface IndexTemplateOptions {
  /** Index patterns the template applies to. Default `['logs-ecotrace-*']`. */
  indexPatterns?: string[];
  /** Template priority; above the built-in `logs` template's 100. Default `200`. */
  priority?: number;
  /** Create a data stream (rollover by ILM). `false` for plain daily indices. Default `true`. */
  dataStream?: boolean;
  /** ILM policy to attach (`index.lifecycle.name`); `null` for none. Default `'ecotrace-logs'`. */
  ilmPolicy?: string | null;
  /** Longest string that dynamic mappings still index as keyword. Default `1024`. */
  ignoreAbove?: number;
  /** `index.mapping.total_fields.limit`. Default `2000`. */
  totalFieldsLimit?: number;
}

/** A composable index template body for `PUT _index_template/<name>`. */
export interface IndexTemplate {
  index_patterns: string[];
  priority: number;
  composed_of: string[];
  data_stream?: Record<string, never>;
  template: {
    settings: Record<string, unknown>;
    mappings: {
      date_detection: boolean;
      dynamic_templates: Record<
        string,
        { path_match?: string; match_mapping_type?: string; mapping: EsFieldMapping }
      >[];
      properties: EsProperties;
    };
  };
  _meta: { description: string; ecs_version: string; managed_by: string };
}

/**
 * Builds the composable index template for the logger's output: every field in
 * `LOGGER_FIELDS` mapped with its ECS 9.4.0 type (the non-ECS `LOGGER_CUSTOM_FIELDS` as keyword
 * with `ignore_above`), `labels.*` as keyword, other strings as keyword with `ignore_above`, and
 * `ecotrace.displaced` as `flattened`.
 *
 * @example
 * const body = indexTemplate({ dataStream: true });
 * await fetch(`${es}/_index_template/ecotrace-logs`, { method: 'PUT', body: JSON.stringify(body), headers });
 */
export function indexTemplate(options: IndexTemplateOptions = {}): IndexTemplate {
  const {
    indexPatterns = [DEFAULT_INDEX_PATTERN],
    priority = 200,
    dataStream = true,
    ilmPolicy = DEFAULT_ASSET_NAME,
    ignoreAbove = 1024,
    totalFieldsLimit = 2000,
  } = options;
  if (!Array.isArray(indexPatterns) || indexPatterns.length === 0) {
    throw new TypeError('indexPatterns must be a non-empty array of index patterns');
  }
  for (const p of indexPatterns) nameOption('indexPatterns[]', p);
  if (!Number.isInteger(priority) || priority < 0)
    throw new TypeError('priority must be an integer >= 0');
  if (!Number.isInteger(ignoreAbove) || ignoreAbove < 1)
    throw new TypeError('ignoreAbove must be an integer >= 1');
  if (!Number.isInteger(totalFieldsLimit) || totalFieldsLimit < 1) {
    throw new TypeError('totalFieldsLimit must be an integer >= 1');
  }
  if (ilmPolicy !== null) nameOption('ilmPolicy', ilmPolicy);

  const mappings = new Map<string, EsFieldMapping>();
  for (const name of LOGGER_FIELDS) {
    const info = ecsField(name);
    const custom = LOGGER_CUSTOM_FIELDS[name];
    if (info) mappings.set(name, mappingOf(info));
    else if (custom) mappings.set(name, { type: custom, ignore_above: ignoreAbove });
    else
      throw new Error(
        `ecs-schema: LOGGER_FIELDS lists ${name}, which is neither in ECS ${ECS_VERSION} nor in LOGGER_CUSTOM_FIELDS`,
      );
  }
  mappings.set(DISPLACED_FIELD, { type: 'flattened' });

  const settings: Record<string, unknown> = {
    'index.mapping.total_fields.limit': totalFieldsLimit,
    // Caller fields are untrusted; one bad value must not make Elasticsearch drop the line.
    'index.mapping.ignore_malformed': true,
  };
  if (ilmPolicy !== null) settings['index.lifecycle.name'] = ilmPolicy;

  return {
    index_patterns: [...indexPatterns],
    priority,
    composed_of: [],
    ...(dataStream ? { data_stream: {} } : {}),
    template: {
      settings,
      mappings: {
        // A string that looks like a date in a custom field must not lock the field to `date`.
        date_detection: false,
        dynamic_templates: [
          {
            labels_as_keyword: {
              path_match: 'labels.*',
              mapping: { type: 'keyword', ignore_above: ignoreAbove },
            },
          },
          {
            strings_as_keyword: {
              match_mapping_type: 'string',
              mapping: { type: 'keyword', ignore_above: ignoreAbove },
            },
          },
        ],
        properties: propertiesOf(mappings),
      },
    },
    _meta: {
      description: 'ECS logs written by @ecotrace/logger',
      ecs_version: ECS_VERSION,
      managed_by: '@ecotrace/ecs-schema',
    },
  };
}
