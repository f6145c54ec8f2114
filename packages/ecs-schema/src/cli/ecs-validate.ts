// `ecs-validate [file] [--json]`: validates NDJSON log lines against ECS and the ECS logging
// spec. Reads stdin when no file is given. Exit 0 = no errors (warnings allowed), 1 = errors,
// 2 = usage or I/O problem.
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { ECS_VERSION } from '../generated/ecs-fields.js';
import { formatSummary, validateNdjson } from '../validate-ndjson.js';

const USAGE = `usage: ecs-validate [file] [--json]
Validates one ECS JSON log record per line (NDJSON) against ECS ${ECS_VERSION}.
Reads stdin when no file is given. Exits 1 when any line has an error.`;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (err) {
    process.stderr.write(`ecs-validate: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (extra.length > 0) {
    process.stderr.write(`ecs-validate: one file at most\n${USAGE}\n`);
    return 2;
  }
  const input = file === undefined || file === '-' ? process.stdin : createReadStream(file);
  const started = performance.now();
  const summary = await validateNdjson(input);
  const ms = Math.round(performance.now() - started);
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify({ ecsVersion: ECS_VERSION, ms, ...summary })}\n`);
  } else {
    process.stdout.write(`${formatSummary(summary, ECS_VERSION)}\n(${ms} ms)\n`);
  }
  return summary.errors > 0 ? 1 : 0;
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // An unreadable file (ENOENT, EISDIR…) is a usage problem, not a validation result.
    process.stderr.write(`ecs-validate: ${(err as Error).message}\n`);
    process.exitCode = 2;
  },
);
