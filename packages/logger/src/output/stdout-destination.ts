import pino, { type DestinationStream } from 'pino';

/**
 * Bytes the asynchronous stdout buffer may hold before new lines are dropped (and counted).
 * Large enough to ride out a slow collector for seconds; bounded so a stuck pipe cannot
 * grow the heap until the pod is OOM-killed.
 */
export const STDOUT_BUFFER_BYTES = 16 * 1024 * 1024;

/** A SonicBoom as the logger uses it (pino exports it untyped beyond DestinationStream). */
export interface SonicBoomLike extends DestinationStream {
  flushSync?(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * The default destination: stdout (or `fd`) through an asynchronous SonicBoom. Asynchronous
 * because a synchronous write blocks the event loop whenever the pipe to containerd is full;
 * the lines still reach the pipe before exit because the logger flushes synchronously on
 * exit, on SIGTERM/SIGINT and after an uncaught exception (see exit-hooks.ts). `minLength: 0`
 * writes as soon as the loop is free, so a quiet service's lines are not held back.
 *
 * @example
 * const dest = stdoutDestination(1);
 */
export function stdoutDestination(fd = 1): SonicBoomLike {
  const stream = pino.destination({
    dest: fd,
    sync: false,
    minLength: 0,
    maxLength: STDOUT_BUFFER_BYTES,
  }) as unknown as SonicBoomLike;
  owned.add(stream);
  return stream;
}

const owned = new WeakSet<object>();

/**
 * Resolves once `stream`, a destination made by {@link stdoutDestination}, has written every
 * line handed to it so far; false when it is not one. SonicBoom's own `flush(cb)` calls back at
 * once when `minLength` is 0 (ours), pending writes or not. An empty write queues behind them,
 * and SonicBoom emits 'drain' when its buffer is empty again; an error or close (EPIPE: nothing
 * more can be written) also ends the wait.
 */
export function drainOwned(stream: unknown): Promise<void> | false {
  if (typeof stream !== 'object' || stream === null || !owned.has(stream)) return false;
  const sonic = stream as SonicBoomLike & {
    once(event: string, listener: () => void): unknown;
    off(event: string, listener: () => void): unknown;
  };
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of ENDINGS) sonic.off(event, done);
      resolve();
    };
    for (const event of ENDINGS) sonic.once(event, done);
    try {
      sonic.write('');
    } catch {
      done(); // destroyed
    }
  });
}

const ENDINGS = ['drain', 'error', 'close'];

/**
 * Counts lines SonicBoom dropped because its buffer was full, and reports them once writing
 * makes progress again (`report(count)` runs just after a write completed, so the buffer has
 * room for the report line), and before the final synchronous flush at exit.
 */
export function countDrops(stream: SonicBoomLike, report: (dropped: number) => void): void {
  let dropped = 0;
  let reporting = false;
  let reportLost = false;
  let scheduled = false;
  stream.on('drop', () => {
    if (reporting) reportLost = true;
    else dropped += 1;
  });
  const flush = (): void => {
    scheduled = false;
    if (dropped === 0) return;
    const n = dropped;
    dropped = 0;
    reporting = true;
    reportLost = false;
    try {
      report(n);
    } finally {
      reporting = false;
    }
    // The report line itself hit the cap: keep the count for the next chance.
    if (reportLost) dropped += n;
  };
  // SonicBoom emits 'write' before it releases the written bytes from its count, so a line
  // written from the listener itself would still see a full buffer: report a tick later.
  stream.on('write', () => {
    if (dropped === 0 || scheduled) return;
    scheduled = true;
    process.nextTick(flush);
  });
  // At exit nothing is written asynchronously any more: empty the buffer, then report what
  // is still unreported, then write the report too.
  const flushSync = stream.flushSync;
  if (typeof flushSync === 'function') {
    stream.flushSync = function flushSyncReportingDrops(this: SonicBoomLike): void {
      flushSync.call(this);
      if (dropped === 0) return;
      flush();
      flushSync.call(this);
    };
  }
}
