import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ProblemSeverity } from './types.js';
import type { ProblemCode } from './validate/problems.js';
import { validateLine } from './validate/validate.js';

/** Problems of one code across a whole NDJSON input. */
export interface ProblemTally {
  code: ProblemCode;
  severity: ProblemSeverity;
  /** How many times the code was reported (a line can report it for several fields). */
  count: number;
  /** 1-based line number of the first occurrence. */
  firstLine: number;
  /** Field and message of the first occurrence. */
  example: { field: string; message: string };
}

/** What `validateNdjson` found. */
export interface NdjsonSummary {
  /** Non-blank lines read. */
  records: number;
  /** Records without any error (warnings allowed). */
  valid: number;
  /** Total problems by severity. */
  errors: number;
  warnings: number;
  /** One entry per code seen, errors first, then by count. */
  problems: ProblemTally[];
}

/**
 * Validates NDJSON line by line (streaming; blank lines skipped) and tallies problems by
 * code. This is what the `ecs-validate` CLI prints; tests can use it on captured stdout.
 *
 * @param input a readable stream or any async iterable of lines
 * @example
 * const summary = await validateNdjson(fs.createReadStream('app.log'));
 * if (summary.errors > 0) console.error(summary.problems);
 */
export async function validateNdjson(
  input: Readable | AsyncIterable<string>,
): Promise<NdjsonSummary> {
  const lines = isReadable(input)
    ? createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
    : input;
  const tallies = new Map<ProblemCode, ProblemTally>();
  let lineNumber = 0;
  let records = 0;
  let valid = 0;
  let errors = 0;
  let warnings = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    records++;
    let lineHasError = false;
    for (const p of validateLine(line)) {
      if (p.severity === 'error') {
        errors++;
        lineHasError = true;
      } else {
        warnings++;
      }
      const tally = tallies.get(p.code);
      if (tally) tally.count++;
      else {
        tallies.set(p.code, {
          code: p.code,
          severity: p.severity,
          count: 1,
          firstLine: lineNumber,
          example: { field: p.field, message: p.message },
        });
      }
    }
    if (!lineHasError) valid++;
  }
  const problems = [...tallies.values()].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) || b.count - a.count || a.code.localeCompare(b.code),
  );
  return { records, valid, errors, warnings, problems };
}

function rank(severity: ProblemSeverity): number {
  return severity === 'error' ? 0 : 1;
}

function isReadable(input: Readable | AsyncIterable<string>): input is Readable {
  return typeof (input as Readable).pipe === 'function';
}

/**
 * Renders a summary for people, one line per problem code.
 *
 * @example
 * console.log(formatSummary(await validateNdjson(process.stdin)));
 */
export function formatSummary(summary: NdjsonSummary, ecsVersion: string): string {
  const out = [
    `${summary.records} records, ${summary.valid} valid, ${summary.records - summary.valid} with errors; ` +
      `${summary.errors} errors, ${summary.warnings} warnings (ECS ${ecsVersion})`,
  ];
  const width = Math.max(0, ...summary.problems.map((p) => p.code.length));
  for (const p of summary.problems) {
    out.push(
      `  ${p.severity.padEnd(7)} ${p.code.padEnd(width)} ${String(p.count).padStart(8)}  ` +
        `first at line ${p.firstLine}: ${p.example.message}`,
    );
  }
  return out.join('\n');
}
