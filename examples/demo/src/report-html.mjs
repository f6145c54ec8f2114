// @ts-check
import { reportClient } from './report-client.mjs';

/** @typedef {import('./trace-view.mjs').TraceView} TraceView */

/**
 * Numbers shown at the top of the page.
 * @typedef {object} ReportSummary
 * @property {number} requests
 * @property {number} traces
 * @property {number} spans
 * @property {number} lines
 * @property {number} correlated
 * @property {number} unsampled
 * @property {number} uncorrelated
 * @property {number} validationErrors
 */

// Inline only: the page must open from disk with no network (no CDN, no fonts, no images).
const CSS = `
:root { --bg:#fff; --fg:#1d2430; --muted:#667085; --line:#e4e7ec; --err:#c0262d; --errbg:#fdecec;
  --ok:#137333; --server:#3b6fd8; --client:#8a5cd1; --internal:#5f9e6e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header.page { padding: 16px 24px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 8px; }
.stats { display: flex; flex-wrap: wrap; gap: 16px; color: var(--muted); }
.stats b { color: var(--fg); }
.stats .bad b { color: var(--err); }
.controls { padding: 12px 24px; display: flex; gap: 12px; align-items: center; border-bottom: 1px solid var(--line); }
main { padding: 12px 24px 48px; }
section.trace { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; overflow: hidden; }
section.trace.error { border-color: var(--err); }
.trace-head { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; padding: 8px 12px; background: #f8f9fb; }
section.trace.error .trace-head { background: var(--errbg); }
.status { font-weight: 700; min-width: 3ch; }
.status.s2 { color: var(--ok); } .status.s4 { color: #b25e09; } .status.s5 { color: var(--err); }
.name { font-weight: 600; }
.route, .trace-id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: var(--muted); }
.badge { font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #e8f0fe; color: var(--server); }
.badge.unsampled { background: #f2f4f7; color: var(--muted); }
.duration { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
.waterfall { padding: 6px 12px 10px; }
.span-row { display: grid; grid-template-columns: minmax(220px, 34%) 1fr 80px; gap: 8px; align-items: center; padding: 2px 0; }
.span-row .duration { text-align: right; font-size: 12px; }
.span-label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.span-label .service { font-weight: 600; }
.track { position: relative; height: 14px; background: #f2f4f7; border-radius: 3px; }
.bar { position: absolute; top: 2px; bottom: 2px; border-radius: 2px; background: var(--internal); min-width: 2px; }
.bar.kind-server { background: var(--server); } .bar.kind-client { background: var(--client); }
.span-row.error .bar { background: var(--err); }
.span-row.error .span-label { color: var(--err); }
.span-lines { border-left: 2px solid var(--line); padding: 2px 0 4px 8px; margin: 2px 0 4px; }
.log-line { display: grid; grid-template-columns: 80px 48px 90px 1fr; gap: 8px; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.log-line .offset, .log-line .service { color: var(--muted); }
.log-line.level-warn .level { color: #b25e09; }
.log-line.error { color: var(--err); background: var(--errbg); }
.note { color: var(--muted); font-style: italic; font-size: 12px; }
`;

/**
 * The self-contained HTML page of the demo: every trace as a waterfall with its log lines under
 * their spans, errors highlighted, a service filter. Data is embedded as JSON; rendering is
 * vanilla JavaScript in the page.
 * @param {{ traces: TraceView[], summary: ReportSummary, generatedAt?: string }} input
 * @returns {string}
 * @example
 * await writeFile('demo-output/report.html', renderReportHtml({ traces: views, summary }));
 */
export function renderReportHtml({ traces, summary, generatedAt = new Date().toISOString() }) {
  const services = [...new Set(traces.flatMap((t) => t.services))].sort();
  // "<" escaped so no string in the data can close the script element.
  const json = JSON.stringify({ traces, services }).replace(/</g, '\\u003c');
  const stat = (/** @type {string} */ label, /** @type {number | string} */ value, bad = false) =>
    `<span class="${bad ? 'bad' : ''}">${label} <b>${value}</b></span>`;
  const judged = summary.correlated + summary.uncorrelated;
  const share = judged === 0 ? 100 : (summary.correlated / judged) * 100;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ecotrace demo: traces and their log lines</title>
<style>${CSS}</style>
</head>
<body>
<header class="page">
  <h1>ecotrace demo: traces and their log lines</h1>
  <div class="stats">
    ${stat('requests', summary.requests)} ${stat('traces exported', summary.traces)}
    ${stat('spans', summary.spans)} ${stat('log lines', summary.lines)}
    ${stat('lines correlated', `${share.toFixed(1)}%`, summary.uncorrelated > 0)}
    ${stat('unsampled lines', summary.unsampled)}
    ${stat('ECS errors', summary.validationErrors, summary.validationErrors > 0)}
    <span>generated ${generatedAt}</span>
  </div>
</header>
<div class="controls">
  <label for="service-filter">Service</label>
  <select id="service-filter"><option value="">all services</option></select>
  <span id="shown-count"></span>
</div>
<main id="traces"></main>
<script type="application/json" id="report-data">${json}</script>
<script>
${reportClient.toString()}
reportClient(document);
</script>
</body>
</html>
`;
}
