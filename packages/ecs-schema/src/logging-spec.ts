import {
  LABEL_KEY_FORBIDDEN,
  LABEL_KEY_SUBSTITUTE,
  LOGGING_SPEC_FIELDS,
} from './generated/ecs-fields.js';

/** One field of the ECS logging spec (github.com/elastic/ecs-logging, spec/spec.json). */
export interface LoggingSpecField {
  name: string;
  /** The spec's own type name: `datetime`, `string`, `integer` or `object`. */
  type: string;
  required: boolean;
  /** Position the key must take at the start of the line (0 `@timestamp`, 1 `log.level`, 2 `message`). */
  index?: number;
  /** The spec asks for a dotted top-level key (`log.level`, `ecs.version`), not a nested object. */
  topLevel?: boolean;
}

/**
 * The ECS logging spec's fields, as generated from `ecs-logging-spec.json`.
 *
 * @example
 * LOGGING_SPEC.filter((f) => f.required).map((f) => f.name); // ['@timestamp', 'log.level', 'ecs.version']
 */
export const LOGGING_SPEC: readonly LoggingSpecField[] = Object.freeze(
  LOGGING_SPEC_FIELDS.map((f) => Object.freeze({ ...f })),
);

/**
 * Keys the spec requires on every line.
 *
 * @example
 * REQUIRED_FIELDS; // ['@timestamp', 'log.level', 'ecs.version']
 */
export const REQUIRED_FIELDS: readonly string[] = Object.freeze(
  LOGGING_SPEC.filter((f) => f.required).map((f) => f.name),
);

/**
 * Keys that must come first, in this order (those present), before any other key.
 *
 * @example
 * LEADING_KEY_ORDER; // ['@timestamp', 'log.level', 'message']
 */
export const LEADING_KEY_ORDER: readonly string[] = Object.freeze(
  LOGGING_SPEC.filter((f) => f.index !== undefined)
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((f) => f.name),
);

/**
 * Characters a `labels` key must not contain (the spec's sanitization rule); the spec
 * replaces each with `LABEL_KEY_REPLACEMENT`.
 *
 * @example
 * LABEL_KEY_FORBIDDEN_CHARS; // ['.', '*', '\\']
 */
export const LABEL_KEY_FORBIDDEN_CHARS: readonly string[] = Object.freeze([...LABEL_KEY_FORBIDDEN]);

/** Replacement for forbidden label-key characters: `'_'`. */
export const LABEL_KEY_REPLACEMENT: string = LABEL_KEY_SUBSTITUTE;
