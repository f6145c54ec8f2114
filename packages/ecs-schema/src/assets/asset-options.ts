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
/** Default index pattern the assets cover. */
export const DEFAULT_INDEX_PATTERN = 'logs-*';
