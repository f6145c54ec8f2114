// @ts-check
import { renderTraceTree } from './text-tree.mjs';

/** @typedef {import('./correlate.mjs').Correlation} Correlation */
/** @typedef {import('./trace-view.mjs').TraceView} TraceView */
/** @typedef {import('./model.mjs').DemoLine} DemoLine */

/**
 * The correlation report printed by `pnpm demo`.
 * @param {{ results: Array<{ name: string, status: number, expect: number }>, correlation: Correlation,
 *   views: TraceView[], lines: DemoLine[], treeTraceId?: string }} input
 * @returns {string}
 */
export function formatTextReport({ results, correlation: c, views, lines, treeTraceId }) {
  const out = [];
  const unexpected = results.filter((r) => r.status !== r.expect);
  const byService = new Map();
  for (const line of lines) byService.set(line.service, (byService.get(line.service) ?? 0) + 1);

  out.push('== ecotrace demo: correlation report');
  out.push(
    `requests      ${results.length} (${results.length - unexpected.length} answered as expected)`,
  );
  for (const r of unexpected) out.push(`  ✖ ${r.name}: got ${r.status}, expected ${r.expect}`);
  out.push(
    `traces        ${c.traces} exported (${views.filter((v) => !v.sampled).length} requests unsampled at the gateway)`,
  );
  out.push(`spans         ${c.spans} exported`);
  out.push(
    `log lines     ${lines.length} (${[...byService].map(([s, n]) => `${s} ${n}`).join(', ')})`,
  );
  out.push(
    `  correlated    ${c.counts.correlated}: lines of sampled requests; trace.id an exported trace, span.id an exported span`,
  );
  out.push(
    `  unsampled     ${c.counts.unsampled}: lines of unsampled requests; trace.id the gateway's, no spans exported (by design)`,
  );
  out.push(`  process       ${c.counts.process}: outside any request (start-up, shutdown)`);
  out.push(`  uncorrelated  ${c.counts.uncorrelated}`);
  out.push(
    `correlated share  ${(c.share * 100).toFixed(1)}% of the lines of sampled requests (unsampled requests' lines are counted apart, above)`,
  );
  for (const [line, v] of c.verdicts) {
    if (v.verdict === 'uncorrelated')
      out.push(`  ✖ ${line.service}:${line.lineNo} ${v.reason}: ${line.raw.slice(0, 160)}`);
  }
  const codes = Object.entries(c.problemsByCode)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  out.push(
    `ECS validation    ${c.validationErrors} errors, ${c.validationWarnings} warnings${codes ? ` (${codes})` : ''}`,
  );
  const custom = customFieldCounts(lines);
  if (custom.length > 0) {
    out.push(
      '  custom-field warnings: keys that are not ECS fields. ECS allows them and Elasticsearch maps',
    );
    out.push('  them dynamically, so they are warnings, not errors. Here, key (lines):');
    out.push(`    ${custom.map(([key, n]) => `${key} ${n}`).join(', ')}`);
  }
  for (const line of lines) {
    for (const p of line.problems.filter((x) => x.severity === 'error')) {
      out.push(`  ✖ ${line.service}:${line.lineNo} ${p.code} ${p.field}: ${p.message}`);
    }
  }
  if (c.orphanSpans.length > 0) {
    out.push(
      `note: ${c.orphanSpans.length} spans whose parent was not exported (${c.orphanSpans.map((s) => s.name).join(', ')})`,
    );
  }
  const tree = views.find((v) => v.traceId === treeTraceId) ?? pickTreeTrace(views);
  if (tree) {
    out.push('');
    out.push(`== one trace, with its log lines under their spans: "${tree.name}"`);
    out.push(renderTraceTree(tree));
  }
  return out.join('\n');
}

/**
 * Custom (non-ECS) keys reported by the validator, with the number of lines each is on.
 * @param {DemoLine[]} lines
 * @returns {Array<[string, number]>} most frequent first
 */
function customFieldCounts(lines) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const line of lines) {
    for (const p of line.problems) {
      if (p.code === 'custom-field') counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The demo's one-line verdict: PASS when every request was answered as expected, every line
 * written for a request is correlated (sampled requests) or carries its unsampled request's
 * trace id, no line has an ECS error, and (when the metrics check ran) the slow request's
 * exemplars led to its trace; else FAIL with the reasons.
 * @param {{ results: Array<{ status: number, expect: number }>, correlation: Correlation,
 *   metricsOk?: boolean }} input  metricsOk: undefined when the metrics check did not run
 * @returns {{ ok: boolean, line: string }}
 */
export function demoVerdict({ results, correlation: c, metricsOk }) {
  const unexpected = results.filter((r) => r.status !== r.expect).length;
  const reasons = [];
  if (unexpected > 0)
    reasons.push(`${unexpected} of ${results.length} requests answered unexpectedly`);
  if (c.counts.uncorrelated > 0) reasons.push(`${c.counts.uncorrelated} uncorrelated lines`);
  if (c.validationErrors > 0) reasons.push(`${c.validationErrors} ECS errors`);
  if (c.counts.correlated === 0) reasons.push('no line joined an exported span');
  if (metricsOk === false) reasons.push("the slow request's exemplars did not lead to its trace");
  if (reasons.length > 0) return { ok: false, line: `FAIL: ${reasons.join('; ')}` };
  const requestLines = c.counts.correlated + c.counts.unsampled;
  return {
    ok: true,
    line:
      `PASS: ${results.length} of ${results.length} requests answered as expected; all ` +
      `${requestLines} request lines correlated (${c.counts.correlated} of sampled requests ` +
      `with their exported trace and span, ${c.counts.unsampled} of unsampled requests with ` +
      `their trace.id); 0 ECS errors${metricsOk ? "; the slow request's exemplars lead to its trace" : ''}`,
  };
}

/**
 * The most telling trace to draw: sampled, spanning the most services, then the most lines.
 * @param {TraceView[]} views
 */
export function pickTreeTrace(views) {
  return [...views]
    .filter((v) => v.sampled && v.spans.length > 0)
    .sort((a, b) => b.services.length - a.services.length || b.lines.length - a.lines.length)[0];
}
