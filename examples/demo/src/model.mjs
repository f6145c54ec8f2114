// @ts-check
import { readFile } from 'node:fs/promises';
import { validateLine } from '@ecotrace/ecs-schema';

/**
 * A span as the demo shows it (from the OTLP receiver, or the gateway's own span).
 * @typedef {object} DemoSpan
 * @property {string} traceId
 * @property {string} spanId
 * @property {string | null} parentSpanId
 * @property {string} name
 * @property {string} service
 * @property {'server' | 'client' | 'internal' | 'producer' | 'consumer'} kind
 * @property {number} startMs  epoch milliseconds
 * @property {number} endMs
 * @property {boolean} error
 * @property {string} [statusMessage]
 */

/**
 * One stdout line of a service, parsed and validated.
 * @typedef {object} DemoLine
 * @property {string} service
 * @property {number} lineNo   1-based, in that service's NDJSON file
 * @property {string} raw
 * @property {Record<string, unknown> | null} record  null when the line is not a JSON object
 * @property {import('@ecotrace/ecs-schema').Problem[]} problems
 */

/**
 * Reads a service's captured stdout (NDJSON) and validates every line with ecs-schema.
 * Blank lines are skipped; anything else counts, including lines that are not JSON.
 * @param {string} service
 * @param {string} file
 * @returns {Promise<DemoLine[]>}
 */
export async function readServiceLines(service, file) {
  const text = await readFile(file, 'utf8');
  return parseServiceLines(service, text);
}

/**
 * @param {string} service
 * @param {string} text NDJSON
 * @returns {DemoLine[]}
 */
export function parseServiceLines(service, text) {
  /** @type {DemoLine[]} */
  const lines = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    /** @type {Record<string, unknown> | null} */
    let record = null;
    try {
      const parsed = JSON.parse(raw);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) record = parsed;
    } catch {
      // Not JSON: validateLine reports it; the line stays in the report as invalid.
    }
    lines.push({ service, lineNo: i + 1, raw, record, problems: validateLine(raw) });
  });
  return lines;
}
