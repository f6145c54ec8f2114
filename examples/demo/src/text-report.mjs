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
    `  correlated    ${c.counts.correlated}: trace.id an exported trace, span.id an exported span`,
  );
  out.push(
    `  unsampled     ${c.counts.unsampled}: trace.id of an unsampled request (no spans by design)`,
  );
  out.push(`  process       ${c.counts.process}: outside any request (start-up, shutdown)`);
  out.push(`  uncorrelated  ${c.counts.uncorrelated}`);
  out.push(
    `correlated share  ${(c.share * 100).toFixed(1)}% of the lines written in sampled requests`,
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
 * The most telling trace to draw: sampled, spanning the most services, then the most lines.
 * @param {TraceView[]} views
 */
export function pickTreeTrace(views) {
  return [...views]
    .filter((v) => v.sampled && v.spans.length > 0)
    .sort((a, b) => b.services.length - a.services.length || b.lines.length - a.lines.length)[0];
}
