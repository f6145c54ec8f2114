// Turns scenario results into RESULTS.md: machine, a summary of every target, then one section
// per scenario with the variants' medians [min–max] and the pair-by-pair ratios.

const fmt = (value, digits) =>
  Number.isFinite(value)
    ? value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';

/** "median (min–max)" of a summary, or the single value of a sampled metric. */
function cell(metric, column) {
  if (metric === undefined || metric === null) return '–';
  if (typeof metric === 'number') return fmt(metric, column.digits);
  if (metric.n === 0) return '–';
  if (metric.n === 1) return fmt(metric.median, column.digits);
  const range = `${fmt(metric.min, column.digits)}–${fmt(metric.max, column.digits)}`;
  return `${fmt(metric.median, column.digits)} (${range})`;
}

/** pass / miss / n/a against the target; ratios must reach it, deltas stay under it. */
export function verdict(ratio) {
  if (ratio.target === undefined) return '';
  if (!Number.isFinite(ratio.median)) return 'n/a';
  // Deltas and `max-ratio`s (added CPU ÷ a peer's) pass at or below the target.
  const atMost = ratio.kind === 'delta' || ratio.kind === 'max-ratio';
  const pass = atMost ? ratio.median <= ratio.target : ratio.median >= ratio.target;
  return pass ? 'pass' : 'miss';
}

function targetText(ratio) {
  if (ratio.target === undefined) return '';
  if (ratio.kind === 'delta') return `≤ +${ratio.target} µs`;
  return ratio.kind === 'max-ratio'
    ? `≤ ${ratio.target.toFixed(2)}×`
    : `≥ ${ratio.target.toFixed(2)}×`;
}

function ratioCell(ratio) {
  if (!Number.isFinite(ratio.median)) return '–';
  // One more digit when rounding would hide which side of its target a ratio is on.
  const close = ratio.target !== undefined && Math.abs(ratio.median - ratio.target) < 0.005;
  const digits = ratio.kind === 'delta' ? 1 : close ? 3 : 2;
  const unit = ratio.kind === 'delta' ? ' µs' : '×';
  const sign = ratio.kind === 'delta' && ratio.median >= 0 ? '+' : '';
  const range = ratio.n > 1 ? ` (${fmt(ratio.min, digits)}–${fmt(ratio.max, digits)})` : '';
  return `${sign}${fmt(ratio.median, digits)}${unit}${range}`;
}

const row = (cells) => `| ${cells.join(' | ')} |`;

function scenarioSection(result, rounds) {
  const out = [`## ${result.title}`, '', result.description, ''];
  if (result.summary) out.push(result.summary, '');
  const ran = result.ranAt;
  const when = ran
    ? ` Measured ${ran.date.slice(0, 16).replace('T', ' ')} UTC, Node ${ran.node}, load average ${ran.loadAverage.join(' / ')} at the start of the run.`
    : '';
  out.push(
    `Median (min–max) over ${ran?.rounds ?? rounds} interleaved round(s); one process per run.${when}`,
    '',
  );
  out.push(row(['case', 'variant', ...result.columns.map((c) => c.label)]));
  out.push(row(['---', '---', ...result.columns.map(() => '---:')]));
  for (const r of result.rows) {
    const cells = r.status
      ? [r.status, ...result.columns.slice(1).map(() => '')]
      : result.columns.map((c) => cell(r.metrics[c.key], c));
    out.push(row([r.group, `\`${r.variant}\``, ...cells]));
  }
  const failures = result.rows.filter((r) => r.errors?.length);
  for (const r of failures)
    out.push('', `- \`${r.variant}\`: ${r.errors.length} failed run(s): ${r.errors[0]}`);
  out.push(
    '',
    'Ratios, taken round by round (both variants ran back to back), then the median:',
    '',
  );
  out.push(row(['case', 'comparison', 'median (min–max)', 'target', 'result']));
  out.push(row(['---', '---', '---:', '---', '---']));
  for (const ratio of result.ratios) {
    out.push(row([ratio.group, ratio.label, ratioCell(ratio), targetText(ratio), verdict(ratio)]));
  }
  return out.join('\n');
}

/**
 * @param {{ machine: object, options: object, scenarios: object[], seconds: number }} run
 * @returns {string} the Markdown of RESULTS.md
 */
export function renderReport(run) {
  const m = run.machine;
  const out = [
    '# ecotrace benchmark results',
    '',
    `Written by \`pnpm bench\` (bench/run.mjs${run.options.quick ? ' --quick: smoke numbers, not results' : ''}) ` +
      `on ${m.date}, ${run.options.rounds} round(s), ${Math.round(run.seconds)} s in all. ` +
      'See README.md for the method. The machine is shared and noisy: the ratios are the ' +
      'result, absolute numbers are context.',
    '',
    row(['CPU', 'cores', 'Node.js', 'load average (1/5/15 min) at start', 'platform', 'pinning']),
    row(['---', '---', '---', '---', '---', '---']),
    row([
      m.cpuModel,
      `${m.cores} (${m.availableParallelism} usable)`,
      m.node,
      m.loadAverage.join(' / '),
      m.platform,
      m.taskset ? 'taskset' : 'none',
    ]),
    '',
    '## Targets',
    '',
    row(['scenario', 'case', 'comparison', 'median (min–max)', 'target', 'result']),
    row(['---', '---', '---', '---:', '---', '---']),
  ];
  for (const s of run.scenarios) {
    // A scenario may summarize its targets itself (logger-throughput: one row per shape).
    if (s.targets) {
      for (const t of s.targets) {
        out.push(row([s.name, t.group, t.label, t.cell, t.target, t.result]));
      }
      continue;
    }
    for (const ratio of s.ratios.filter((r) => r.target !== undefined)) {
      out.push(
        row([
          s.name,
          ratio.group,
          ratio.label,
          ratioCell(ratio),
          targetText(ratio),
          verdict(ratio),
        ]),
      );
    }
  }
  for (const s of run.scenarios) out.push('', scenarioSection(s, run.options.rounds));
  out.push('', `Raw numbers, every round: \`${run.jsonName}\`.`, '');
  return out.join('\n');
}
