// Medians, ranges and pair-by-pair ratios. On a shared, noisy machine the absolute numbers drift
// between rounds; a ratio taken inside one round (A and B ran back to back) cancels most of it.

/** @param {number[]} values @returns {number} NaN when empty */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median, min and max of the finite values.
 * @param {number[]} values
 * @returns {{ median: number, min: number, max: number, n: number }}
 * @example summarize([3, 1, 2]) // { median: 2, min: 1, max: 3, n: 3 }
 */
export function summarize(values) {
  const finite = values.filter(Number.isFinite);
  return {
    median: median(finite),
    min: finite.length ? Math.min(...finite) : Number.NaN,
    max: finite.length ? Math.max(...finite) : Number.NaN,
    n: finite.length,
  };
}

/**
 * Combines two per-round series round by round (`combine(a[i], b[i])`), then summarizes.
 * A round where either side is missing is skipped, never paired with another round.
 * @param {(number | undefined)[]} a
 * @param {(number | undefined)[]} b
 * @param {(x: number, y: number) => number} combine  default x / y
 * @example pairwise([100, 90], [50, 60]) // median of [2, 1.5]
 */
export function pairwise(a, b, combine = (x, y) => x / y) {
  const perRound = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isFinite(x) && Number.isFinite(y)) perRound.push(combine(x, y));
  }
  return { ...summarize(perRound), perRound };
}
