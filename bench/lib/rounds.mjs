// Interleaving: round 1 runs A B C, round 2 runs A B C again, and so on, so slow drifts of a
// shared machine (another build starting, thermal limits) hit every variant alike instead of
// whichever happened to run last.

/**
 * Runs every job once per round, in the same order each round.
 * A job that reports "unavailable" is not retried; one that fails is recorded and retried in
 * the next round (a noisy machine can kill a run without the variant being broken).
 * @template T
 * @param {{ rounds: number, log: (line: string) => void }} ctx
 * @param {{ key: string }[]} jobs
 * @param {(job: any, round: number) => Promise<T>} runOne
 * @returns {Promise<Map<string, { results: (T | undefined)[], unavailable?: string, errors: string[] }>>}
 * @example const byKey = await interleave(ctx, [{ key: 'pino' }], (job) => measure(job));
 */
export async function interleave(ctx, jobs, runOne) {
  const outcome = new Map(jobs.map((job) => [job.key, { results: [], errors: [] }]));
  for (let round = 0; round < ctx.rounds; round++) {
    for (const job of jobs) {
      const entry = outcome.get(job.key);
      if (entry.unavailable) continue;
      try {
        entry.results[round] = await runOne(job, round);
      } catch (error) {
        if (error?.unavailable) {
          entry.unavailable = error.message;
          ctx.log(`  ${job.key}: not available yet (${error.message})`);
        } else {
          entry.errors.push(String(error?.message ?? error).slice(0, 500));
          ctx.log(`  ${job.key}: round ${round + 1} failed: ${entry.errors.at(-1)}`);
        }
      }
    }
    ctx.log(`  round ${round + 1}/${ctx.rounds} done`);
  }
  return outcome;
}

/** The per-round values of one metric (undefined where the round failed). */
export function series(entry, metric) {
  return entry ? entry.results.map((r) => (r ? r[metric] : undefined)) : [];
}
