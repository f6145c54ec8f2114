import type { ProblemSeverity } from '../types.js';

/**
 * Every problem code the validator reports, with its fixed severity. Codes are stable: tools
 * and dashboards may match on them. Errors mean Elasticsearch may reject or mis-map the line,
 * or the ECS logging spec is broken; warnings are worth a look but do not fail validation.
 *
 * @example
 * PROBLEM_CODES['type-mismatch'].severity; // 'error'
 */
export const PROBLEM_CODES = Object.freeze({
  'invalid-json': { severity: 'error', summary: 'the line is not valid JSON' },
  'not-an-object': { severity: 'error', summary: 'the line (record) is not a JSON object' },
  'duplicate-key': { severity: 'error', summary: 'the same key twice in one object' },
  'missing-required': {
    severity: 'error',
    summary:
      'a field the ECS logging spec requires is missing (@timestamp, log.level, ecs.version)',
  },
  'missing-message': { severity: 'warning', summary: 'no message (the spec allows it)' },
  'key-order': {
    severity: 'error',
    summary: '@timestamp, log.level, message (those present) are not the first keys, in that order',
  },
  'not-top-level': {
    severity: 'warning',
    summary: 'log.level or ecs.version sent as a nested object instead of a dotted top-level key',
  },
  'type-mismatch': { severity: 'error', summary: 'the value does not fit the ECS field type' },
  'not-array': {
    severity: 'error',
    summary: 'an array on a field ECS does not normalize to array',
  },
  'not-allowed-value': { severity: 'error', summary: 'a value outside the ECS allowed values' },
  'pattern-mismatch': { severity: 'error', summary: 'a value that does not match the ECS pattern' },
  'unexpected-event-type': {
    severity: 'warning',
    summary: 'an event.type that ECS does not expect with any given event.category',
  },
  'dotted-and-nested': {
    severity: 'error',
    summary: 'one field sent both as a dotted key and nested ({"a.b":1,"a":{"b":2}})',
  },
  'value-under-leaf': {
    severity: 'error',
    summary:
      'a value below a field that holds a plain value (trace.id.x, or an object at trace.id)',
  },
  'too-deep': {
    severity: 'error',
    summary: 'objects nested deeper than Elasticsearch accepts (index.mapping.depth.limit, 20)',
  },
  'label-key': { severity: 'error', summary: 'a labels key containing ".", "*" or "\\"' },
  'custom-field': { severity: 'warning', summary: 'a field that is not in ECS' },
} as const satisfies Record<string, { severity: ProblemSeverity; summary: string }>);

/** A stable problem code; see `PROBLEM_CODES`. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** One thing wrong with a record. */
export interface Problem {
  /** Dotted path of the field concerned; `''` for the line or record as a whole. */
  field: string;
  code: ProblemCode;
  /** Human-readable explanation, naming the value or type where useful. */
  message: string;
  severity: ProblemSeverity;
}

/** Collects problems, dropping exact repeats of (code, field). */
export class ProblemList {
  readonly items: Problem[] = [];
  private readonly seen = new Set<string>();

  add(code: ProblemCode, field: string, message: string): void {
    const key = `${code}\u0000${field}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ field, code, message, severity: PROBLEM_CODES[code].severity });
  }
}
