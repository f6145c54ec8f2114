import { validateLine } from '@ecotrace/ecs-schema';
import type { Logger } from 'pino';
import { createLogger } from '../../src/create-logger.js';
import type { LoggerOptions } from '../../src/types.js';

/** A logger writing into memory, and its lines. */
export interface Captured {
  log: Logger;
  lines: string[];
  /** Every line parsed; each one asserted valid ECS first. */
  records(): Record<string, unknown>[];
  last(): Record<string, unknown>;
}

/** A line with its `@timestamp` blanked, so two writes of the same call compare equal. */
export function untimed(line: string): string {
  return line.replace(/"@timestamp":"[^"]+"/, '"@timestamp":"T"');
}

/** Validation errors (not warnings) of one line. */
export function ecsErrors(line: string): string[] {
  return validateLine(line)
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.code} ${p.field}: ${p.message}`);
}

/**
 * Creates a logger with an in-memory destination. `records()` fails the test if a line is not
 * one JSON object ending in a newline or has any ECS validation error.
 */
export function capture(options: LoggerOptions = {}): Captured {
  const lines: string[] = [];
  const log = createLogger({
    service: { name: 'test-svc', version: '1.2.3' },
    handleExit: false,
    ...options,
    destination: { write: (s: string) => void lines.push(s) },
  });
  const records = (): Record<string, unknown>[] =>
    lines.map((line) => {
      if (!line.endsWith('}\n') || line.indexOf('\n') !== line.length - 1) {
        throw new Error(`not one line: ${JSON.stringify(line)}`);
      }
      const errors = ecsErrors(line.trimEnd());
      if (errors.length > 0) throw new Error(`ECS errors in ${line}\n${errors.join('\n')}`);
      return JSON.parse(line) as Record<string, unknown>;
    });
  return {
    log,
    lines,
    records,
    last: () => {
      const all = records();
      const r = all[all.length - 1];
      if (r === undefined) throw new Error('no line written');
      return r;
    },
  };
}
