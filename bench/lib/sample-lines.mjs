// Writes a few lines of one variant to a pipe and looks at them: bytes per line, the first
// line (the fair baseline copies our static fields from it), and how many ECS errors
// ecs-schema's validator finds per line. Proves every contender really wrote something.
import { runWorker } from './child.mjs';

let validateLine;
try {
  ({ validateLine } = await import('@ecotrace/ecs-schema'));
} catch {
  validateLine = undefined;
}

const LINES = 5;

/** The ECS errors (severity error) of one line, or null when ecs-schema is not built. */
export function validateLineOrNull(line) {
  return validateLine ? validateLine(line).filter((p) => p.severity === 'error') : null;
}

/**
 * @param {string} worker  the logger worker script
 * @param {object} config  the job (variant, caseName, staticFields…)
 * @returns {Promise<{ bytesPerLine?: number, ecsErrors?: number, firstLine?: string, error?: string }>}
 */
export async function sampleLines(worker, config) {
  let stdout;
  try {
    ({ stdout } = await runWorker(
      worker,
      { ...config, case: config.caseName, mode: 'sample', n: LINES },
      { captureStdout: true },
    ));
  } catch (error) {
    return { error: error.unavailable ? `not available yet: ${error.message}` : error.message };
  }
  const lines = stdout.split('\n').filter((line) => line.length > 0);
  if (lines.length !== LINES) return { error: `wrote ${lines.length} lines, expected ${LINES}` };
  const errors = validateLine ? lines.flatMap((line) => validateLineOrNull(line)) : [];
  return {
    bytesPerLine: Buffer.byteLength(stdout) / lines.length,
    ecsErrors: validateLine ? errors.length / lines.length : undefined,
    ecsProblemCodes: [...new Set(errors.map((p) => p.code))],
    firstLine: lines[0],
  };
}
