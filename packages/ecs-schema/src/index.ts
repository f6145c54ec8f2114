// Public API of @ecotrace/ecs-schema. Named exports only; see README.md.

export type { EsFieldMapping, EsProperties } from './assets/es-mapping.js';
export { type IlmPolicy, type IlmPolicyOptions, ilmPolicy } from './assets/ilm-policy.js';
export {
  type IndexTemplate,
  type IndexTemplateOptions,
  indexTemplate,
} from './assets/index-template.js';
export {
  type KibanaDataView,
  type KibanaDataViewOptions,
  kibanaDataView,
} from './assets/kibana-data-view.js';
// Elasticsearch and Kibana assets
export {
  DISPLACED_FIELD,
  LOGGER_CUSTOM_FIELDS,
  LOGGER_FIELDS,
  type LoggerField,
} from './assets/logger-fields.js';
export { type WriteAssetsOptions, writeAssets } from './assets/write-assets.js';
// ECS field table (generated from ECS 9.4.0)
export { ecsField, ecsFieldNames, ecsPathKind } from './field-table.js';
export { ECS_VERSION } from './generated/ecs-fields.js';
// ECS logging spec
export {
  LABEL_KEY_FORBIDDEN_CHARS,
  LABEL_KEY_REPLACEMENT,
  LEADING_KEY_ORDER,
  LOGGING_SPEC,
  type LoggingSpecField,
  REQUIRED_FIELDS,
} from './logging-spec.js';
// Types
export type {
  EcsFieldInfo,
  EcsFieldType,
  EcsLogLevel,
  EcsLogRecord,
  EcsPathKind,
  ProblemSeverity,
} from './types.js';
// Validation
export { PROBLEM_CODES, type Problem, type ProblemCode } from './validate/problems.js';
export { validateLine, validateRecord } from './validate/validate.js';
export {
  formatSummary,
  type NdjsonSummary,
  type ProblemTally,
  validateNdjson,
} from './validate-ndjson.js';
// The package's own version (src/version.ts, generated from package.json by the build)
export { VERSION } from './version.js';
