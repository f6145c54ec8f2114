// @ts-check
// Runs in the browser, inside demo-output/report.html: no imports, no network. The page embeds
// this function's source and calls it once; it reads the data from the JSON script element.

/**
 * Renders every trace as a waterfall with its log lines, and wires the service filter.
 * @param {Document} doc
 */
export function reportClient(doc) {
  const dataEl = doc.getElementById('report-data');
  const list = doc.getElementById('traces');
  const select = /** @type {HTMLSelectElement | null} */ (doc.getElementById('service-filter'));
  const shown = doc.getElementById('shown-count');
  if (!dataEl || !list || !select || !shown) throw new Error('report.html: missing page elements');
  /** @type {{ traces: import('./trace-view.mjs').TraceView[], services: string[] }} */
  const data = JSON.parse(dataEl.textContent ?? '{}');

  /** @param {string} tag @param {string} [cls] @param {string} [text] */
  const el = (tag, cls, text) => {
    const node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const ms = (/** @type {number} */ n) => `${n.toFixed(1)} ms`;

  for (const service of data.services) {
    const option = el('option', '', service);
    option.setAttribute('value', service);
    select.append(option);
  }

  for (const trace of data.traces) {
    const section = el('section', `trace${trace.error ? ' error' : ''}`);
    section.dataset.traceId = trace.traceId;
    section.dataset.services = trace.services.join(' ');
    const head = el('header', 'trace-head');
    head.append(
      el('span', `status s${String(trace.status)[0]}`, String(trace.status)),
      el('span', 'name', trace.name),
      el('code', 'route', `${trace.method} ${trace.path}`),
      el(
        'span',
        `badge ${trace.sampled ? 'sampled' : 'unsampled'}`,
        trace.sampled ? trace.style : 'not sampled',
      ),
      el('code', 'trace-id', trace.traceId),
      el('span', 'duration', ms(trace.endMs - trace.startMs)),
    );
    section.append(head);

    const span0 = trace.startMs;
    const total = Math.max(trace.endMs - trace.startMs, 0.001);
    const waterfall = el('div', 'waterfall');
    /** @param {HTMLElement} row @param {import('./trace-view.mjs').ViewLine[]} lines */
    const addLines = (row, lines) => {
      for (const line of lines) {
        const item = el('div', `log-line level-${line.level}${line.error ? ' error' : ''}`);
        const offset = el('span', 'offset', `+${ms(line.timeMs - span0)}`);
        item.append(
          offset,
          el('span', 'level', line.level),
          el('span', 'service', line.service),
          el('span', 'message', line.message),
        );
        row.append(item);
      }
    };
    const spanIds = new Set(trace.spans.map((s) => s.spanId));
    for (const span of trace.spans) {
      const row = el('div', `span-row${span.error ? ' error' : ''}`);
      row.dataset.spanId = span.spanId;
      const label = el('div', 'span-label');
      label.style.paddingLeft = `${span.depth * 14}px`;
      label.append(el('span', 'service', span.service), el('span', 'span-name', ` ${span.name}`));
      const track = el('div', 'track');
      const bar = el('div', `bar kind-${span.kind}`);
      bar.style.left = `${((span.startMs - span0) / total) * 100}%`;
      bar.style.width = `${Math.max(((span.endMs - span.startMs) / total) * 100, 0.5)}%`;
      bar.title = `${span.service} ${span.name}: ${ms(span.endMs - span.startMs)}`;
      track.append(bar);
      const duration = el('span', 'duration', ms(span.endMs - span.startMs));
      row.append(label, track, duration);
      waterfall.append(row);
      const lines = trace.lines.filter((l) => l.spanId === span.spanId);
      if (lines.length > 0) {
        const box = el('div', 'span-lines');
        box.style.marginLeft = `${span.depth * 14 + 12}px`;
        addLines(box, lines);
        waterfall.append(box);
      }
    }
    const loose = trace.lines.filter((l) => l.spanId === null || !spanIds.has(l.spanId));
    if (loose.length > 0) {
      const box = el('div', 'span-lines loose');
      box.append(
        el(
          'div',
          'note',
          trace.sampled
            ? 'lines outside the exported spans'
            : 'not sampled: no spans were exported; the lines still carry the trace id',
        ),
      );
      addLines(box, loose);
      waterfall.append(box);
    }
    section.append(waterfall);
    list.append(section);
  }

  const applyFilter = () => {
    const wanted = select.value;
    let count = 0;
    for (const section of Array.from(list.querySelectorAll('section.trace'))) {
      if (!(section instanceof HTMLElement)) continue;
      const services = (section.dataset.services ?? '').split(' ');
      const visible = wanted === '' || services.includes(wanted);
      section.hidden = !visible;
      if (visible) count++;
    }
    shown.textContent = `${count} of ${data.traces.length} traces`;
  };
  select.addEventListener('change', applyFilter);
  applyFilter();
}
