// The worker side of lib/child.mjs: read the config, report over IPC, never write to stdout
// (stdout is the log destination being measured).

/** Thrown by a variant whose package is not there yet: reported, not faked. */
export class Unavailable extends Error {}

/** @returns {any} the parsed BENCH_CONFIG */
export function workerConfig() {
  return JSON.parse(process.env.BENCH_CONFIG ?? '{}');
}

/** Sends one message to the parent; run by hand (no IPC), prints it to stderr instead. */
export function send(message) {
  if (!process.send) {
    process.stderr.write(`${JSON.stringify(message)}\n`);
    return Promise.resolve();
  }
  return new Promise((resolve) => process.send(message, () => resolve()));
}

/**
 * Runs the worker's main function, turning failures into messages, then lets the process end
 * on its own so piped stdout drains.
 * @param {() => Promise<void>} main
 */
export function runMain(main) {
  main()
    .catch(async (error) => {
      if (error instanceof Unavailable) await send({ type: 'unavailable', reason: error.message });
      else await send({ type: 'error', message: String(error?.stack ?? error) });
    })
    .finally(() => process.disconnect?.());
}
