// @ts-check

/** @typedef {import('./trace-view.mjs').TraceView} TraceView */

/**
 * Draws one trace as a text tree, each log line under the span that was active when it was
 * written; lines whose span.id is not a span of the trace are listed at the end.
 * @param {TraceView} view
 * @returns {string}
 * @example
 * console.log(renderTraceTree(views[1]));
 * // trace 4bf9…  POST /orders → 201 (b3-128, sampled)
 * // └─ istio-ingressgateway  POST /orders  [server]  12.1 ms
 * //    └─ orders  POST /orders  [server]  10.8 ms
 * //       · info   placing order
 */
export function renderTraceTree(view) {
  const out = [
    `trace ${view.traceId}  ${view.method} ${view.path} → ${view.status} (${view.style}, ${view.sampled ? 'sampled' : 'not sampled'})`,
  ];
  const spanIds = new Set(view.spans.map((s) => s.spanId));
  /** @type {boolean[]} lastAtDepth[d]: the open span at depth d is its parent's last child */
  const lastAtDepth = [];
  view.spans.forEach((span, i) => {
    const last = isLastSibling(view.spans, i);
    lastAtDepth[span.depth] = last;
    const rail = lastAtDepth
      .slice(0, span.depth)
      .map((l) => (l ? '   ' : '│  '))
      .join('');
    const duration = (span.endMs - span.startMs).toFixed(1);
    const mark = span.error ? '  ✖ error' : '';
    out.push(
      `${rail}${last ? '└─' : '├─'} ${span.service}  ${span.name}  [${span.kind}]  ${duration} ms${mark}`,
    );
    const under = `${rail}${last ? '   ' : '│  '}`;
    for (const line of view.lines.filter((l) => l.spanId === span.spanId)) {
      const type = line.errorType ? `  (${line.errorType})` : '';
      out.push(`${under}· ${line.level.padEnd(5)} ${line.message}${type}`);
    }
  });
  const loose = view.lines.filter((l) => l.spanId === null || !spanIds.has(l.spanId));
  if (loose.length > 0) {
    out.push(
      view.sampled
        ? '(lines whose span.id is not a span of this trace)'
        : '(not sampled: lines only, no spans)',
    );
    for (const line of loose)
      out.push(`   · ${line.service}  ${line.level.padEnd(5)}  ${line.message}`);
  }
  return out.join('\n');
}

/**
 * @param {TraceView['spans']} spans depth-first
 * @param {number} i
 */
function isLastSibling(spans, i) {
  const depth = spans[i]?.depth ?? 0;
  for (let j = i + 1; j < spans.length; j++) {
    const d = spans[j]?.depth ?? 0;
    if (d < depth) return true;
    if (d === depth) return false;
  }
  return true;
}
