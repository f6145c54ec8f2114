// Shared checks for asset options: bad values throw here, at construction, naming the option.

const DURATION = /^\d+(d|h|m|s|ms|micros|nanos)$/;
const BYTE_SIZE = /^\d+(b|kb|mb|gb|tb|pb)$/i;

/** Returns `value` when it is an Elasticsearch time unit string (`7d`, `12h`), else throws. */
export function durationOption(option: string, value: string): string {
  if (typeof value !== 'string' || !DURATION.test(value)) {
    throw new TypeError(
      `${option} must be an Elasticsearch duration such as "7d" or "12h", got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Returns `value` when it is an Elasticsearch byte size (`50gb`), else throws. */
export function byteSizeOption(option: string, value: string): string {
  if (typeof value !== 'string' || !BYTE_SIZE.test(value)) {
    throw new TypeError(
      `${option} must be an Elasticsearch byte size such as "50gb", got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Returns `value` when it is a non-empty string without whitespace, else throws. */
export function nameOption(option: string, value: string): string {
  if (typeof value !== 'string' || value === '' || /\s/.test(value)) {
    throw new TypeError(
      `${option} must be a non-empty name without spaces, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Default name of the ILM policy, index template and data view. */
export const DEFAULT_ASSET_NAME = 'ecotrace-logs';
/**
 * Default index pattern the assets cover: our data streams only. A template for all of `logs-*`
 * would take over every logs data stream in the cluster (Elastic's built-in `logs` template, at
 * priority 100, serves `logs-*-*`).
 */
export const DEFAULT_INDEX_PATTERN = 'logs-ecotrace-*';
/** Default data stream the collector writes (Fluent Bit's `ELASTICSEARCH_DATA_STREAM`). */
export const DEFAULT_DATA_STREAM = 'logs-ecotrace-default';

/** True when `name` matches the index pattern `pattern` (`*` = any run of characters). */
export function matchesIndexPattern(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(name);
}
