// Interleaving: round 1 runs A B C, round 2 runs A B C again, and so on, so slow drifts of a
// shared machine (another build starting, thermal limits) hit every variant alike instead of
// whichever happened to run last.

/**
 * Runs every job once per round, in the same order each round.
 * A job that reports "unavailable" (its package is not built) is tried again next round, since
 * a package being rebuilt is briefly missing too; it counts as unavailable only if no round ran.
 * A job that fails is recorded and retried in the next round.
 * @template T
 * @param {{ rounds: number, log: (line: string) => void }} ctx
 * @param {{ key: string }[]} jobs
 * @param {(job: any, round: number) => Promise<T>} runOne
 * @returns {Promise<Map<string, { results: (T | undefined)[], unavailable?: string, unavailableReason?: string, errors: string[] }>>}
 * @example const byKey = await interleave(ctx, [{ key: 'pino' }], (job) => measure(job));
 */
export async function interleave(ctx, jobs, runOne) {
  const outcome = new Map(jobs.map((job) => [job.key, { results: [], errors: [] }]));
  for (let round = 0; round < ctx.rounds; round++) {
    for (const job of jobs) {
      const entry = outcome.get(job.key);
      try {
        entry.results[round] = await runOne(job, round);
      } catch (error) {
        if (error?.unavailable) {
          entry.unavailableReason = error.message;
          ctx.log(`  ${job.key}: not available (${error.message})`);
        } else {
          entry.errors.push(String(error?.message ?? error).slice(0, 500));
          ctx.log(`  ${job.key}: round ${round + 1} failed: ${entry.errors.at(-1)}`);
        }
      }
    }
    ctx.log(`  round ${round + 1}/${ctx.rounds} done`);
  }
  for (const entry of outcome.values()) {
    if (entry.unavailableReason && !entry.results.some(Boolean)) {
      entry.unavailable = entry.unavailableReason;
    }
  }
  return outcome;
}

/** The per-round values of one metric (undefined where the round failed). */
export function series(entry, metric) {
  return entry ? entry.results.map((r) => (r ? r[metric] : undefined)) : [];
}
