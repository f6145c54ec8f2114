import { constants, fstatSync, readFileSync } from 'node:fs';
import pino, { type DestinationStream } from 'pino';
import { FdWriter } from './fd-writer.js';

/**
 * Bytes the stdout buffer may hold while the pipe is full before new lines are dropped (and
 * counted). Large enough to ride out a slow collector for seconds; bounded so a stuck pipe
 * cannot grow the heap until the pod is OOM-killed.
 */
export const STDOUT_BUFFER_BYTES = 16 * 1024 * 1024;

/** What the logger needs from a destination it made itself. */
export interface OwnedDestination extends DestinationStream {
  flushSync(): void;
  /** Resolves once every line handed over so far is written, or can never be. */
  drained(): Promise<void>;
  /** `report(count)` writes the `logs dropped` line once writing works again, and at exit. */
  reportDropsWith(report: (dropped: number) => void): void;
}

const owned = new WeakSet<object>();

/**
 * The default destination: stdout (or `fd`), written without ever blocking the event loop on
 * a full pipe to containerd, with a bounded buffer, and flushed at exit (see exit-hooks.ts).
 *
 * - A file, /dev/null, a terminal, or a pipe or socket in non-blocking mode (what Node makes of
 *   a piped stdout on Linux, which is how Kubernetes runs containers): {@link FdWriter}, one
 *   write(2) per line on the caller's stack; a full pipe queues lines instead of waiting.
 * - Anything else (a blocking pipe, or no /proc to check): an asynchronous SonicBoom, whose
 *   writes go through libuv's thread pool and may wait there.
 *
 * @example
 * const dest = stdoutDestination(1);
 */
export function stdoutDestination(fd = 1): OwnedDestination {
  const destination = writesNeverBlock(fd)
    ? new FdWriter(fd, STDOUT_BUFFER_BYTES)
    : asyncSonicBoom(fd);
  owned.add(destination);
  return destination;
}

/** True when the destination is one {@link stdoutDestination} made. */
export function isOwnedDestination(stream: unknown): stream is OwnedDestination {
  return typeof stream === 'object' && stream !== null && owned.has(stream);
}

/**
 * True when a write(2) to `fd` cannot block: files and character devices take the bytes at
 * once, and a non-blocking pipe or socket answers EAGAIN instead of waiting.
 */
export function writesNeverBlock(fd: number): boolean {
  let stat: ReturnType<typeof fstatSync>;
  try {
    stat = fstatSync(fd);
  } catch {
    return false;
  }
  if (stat.isFile() || stat.isCharacterDevice()) return true;
  if (!stat.isFIFO() && !stat.isSocket()) return false;
  // libuv switches a piped stdout or stderr to non-blocking mode when Node opens it.
  if (fd === 1) void process.stdout;
  else if (fd === 2) void process.stderr;
  return isNonBlocking(fd);
}

function isNonBlocking(fd: number): boolean {
  try {
    const info = readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
    const flags = /^flags:\s*([0-7]+)$/m.exec(info)?.[1];
    return flags !== undefined && (Number.parseInt(flags, 8) & constants.O_NONBLOCK) !== 0;
  } catch {
    return false; // not Linux: no way to tell, so assume the pipe may block
  }
}

/** A SonicBoom as this module uses it (pino exports it untyped beyond DestinationStream). */
interface SonicBoom extends DestinationStream {
  flushSync(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

/**
 * The fallback: an asynchronous SonicBoom, `minLength: 0` so a quiet service's lines are not
 * held back, capped at {@link STDOUT_BUFFER_BYTES}, with the same drain and drop reporting as
 * {@link FdWriter}.
 */
function asyncSonicBoom(fd: number): OwnedDestination {
  const sonic = pino.destination({
    dest: fd,
    sync: false,
    minLength: 0,
    maxLength: STDOUT_BUFFER_BYTES,
  }) as unknown as SonicBoom;
  return Object.assign(sonic, {
    drained: () => drainSonic(sonic),
    reportDropsWith: (report: (dropped: number) => void) => countSonicDrops(sonic, report),
  });
}

/**
 * SonicBoom's own `flush(cb)` calls back at once when `minLength` is 0, pending writes or not.
 * An empty write queues behind them, and SonicBoom emits 'drain' when its buffer is empty
 * again; an error or close (EPIPE: nothing more can be written) also ends the wait.
 */
function drainSonic(sonic: SonicBoom): Promise<void> {
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
function countSonicDrops(stream: SonicBoom, report: (dropped: number) => void): void {
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
  stream.flushSync = function flushSyncReportingDrops(this: SonicBoom): void {
    flushSync.call(this);
    if (dropped === 0) return;
    flush();
    flushSync.call(this);
  };
}
