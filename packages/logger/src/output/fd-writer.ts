import { Buffer } from 'node:buffer';
import { writeSync } from 'node:fs';

/**
 * While the pipe is full, retry after 1 ms, doubling up to 4 ms as long as nothing goes through:
 * Node offers no way to wait for a pipe to become writable without libuv's stream (which keeps
 * what it holds from a synchronous flush at exit), and an EAGAIN costs a few µs, so a stalled
 * collector costs about 0.1% of a core while lines resume within 4 ms of the reader.
 */
const FIRST_RETRY_MS = 1;
const LAST_RETRY_MS = 8;
/** Queued lines are written in chunks of about this size (a Linux pipe holds 64 KiB). */
const CHUNK_BYTES = 64 * 1024;
/** At exit, `flushSync` gives up on a pipe that has taken nothing for this long. */
export const EXIT_STALL_MS = 10_000;

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
const EMPTY = '';

/**
 * What a failed write(2) means: `full` the pipe has no room now (retry later), `closed` nothing
 * can ever be written again (reader gone, descriptor bad), `lost` this write failed (EIO, ENOSPC…).
 */
function writeFailure(error: unknown): 'full' | 'closed' | 'lost' {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return 'full';
  if (code === 'EPIPE' || code === 'EBADF' || code === 'ECONNRESET') return 'closed';
  return 'lost';
}

/**
 * Writes each line to a file descriptor that never blocks (a file, /dev/null, a terminal, or a
 * pipe in non-blocking mode) with one write(2), at once, on the caller's stack. No thread hop,
 * no stream machinery and one UTF-8 encoding per line: this is most of what a log line costs.
 *
 * When the pipe is full (EAGAIN) lines wait in a queue, in order, and are retried on a timer
 * with backoff; lines beyond `capBytes` of queue are dropped and counted, and the count is
 * handed to the drop reporter once the queue has emptied. A closed pipe (EPIPE) or a bad
 * descriptor ends writing for good: later lines are discarded, never thrown.
 *
 * @example
 * const out = new FdWriter(1, 16 * 1024 * 1024);
 * out.write('{"message":"hi"}\n');
 */
export class FdWriter {
  private queue: (string | Buffer)[] = [];
  private head = 0;
  private queuedBytes = 0;
  private closed = false;
  private dropped = 0;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];
  private dropReporter: ((dropped: number) => void) | undefined;

  constructor(
    readonly fd: number,
    private readonly capBytes: number,
  ) {}

  /** Writes `line` now, or queues it behind lines still waiting for the pipe. Never throws. */
  write(line: string): boolean {
    if (this.closed) return true;
    if (this.head < this.queue.length) return this.enqueue(line);
    let written: number;
    try {
      written = writeSync(this.fd, line);
    } catch (error) {
      this.failed(error, line);
      return true;
    }
    // Bytes written equal the string's length only for ASCII; anything else is checked in full.
    if (written !== line.length) this.keepUnwritten(line, written);
    if (this.dropped !== 0 && this.head === this.queue.length) this.reportDrops();
    return true;
  }

  /** Calls `report(count)` when lines were dropped and writing works again (and at exit). */
  reportDropsWith(report: (dropped: number) => void): void {
    this.dropReporter = report;
  }

  /** Resolves once every line handed over so far is written, or can never be. */
  drained(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** pino's `logger.flush(cb)` calls this. */
  flush(cb?: (err?: Error) => void): void {
    void this.drained().then(() => cb?.());
  }

  /**
   * Writes everything queued before returning, waiting for the pipe in short sleeps: used at
   * exit, on signals and after an uncaught exception, when no timer will run again. Gives up
   * after {@link EXIT_STALL_MS} without progress, so a reader that never reads cannot hold
   * the process forever.
   */
  flushSync(): void {
    this.cancelRetry();
    this.writeQueueBlocking();
    if (this.dropped !== 0 && !this.closed) {
      this.reportDrops();
      this.writeQueueBlocking();
    }
    this.settle();
  }

  private idle(): boolean {
    return this.closed || this.head === this.queue.length;
  }

  private writeQueueBlocking(): void {
    let lastProgress = Date.now();
    while (!this.idle()) {
      if (this.writeQueued()) lastProgress = Date.now();
      else if (Date.now() - lastProgress > EXIT_STALL_MS) return;
      else Atomics.wait(sleepCell, 0, 0, 2);
    }
  }

  private keepUnwritten(line: string, written: number): void {
    const bytes = Buffer.from(line);
    if (written < bytes.length) this.push(bytes.subarray(written));
  }

  private failed(error: unknown, line: string): void {
    const outcome = writeFailure(error);
    if (outcome === 'full') {
      this.enqueue(line);
    } else if (outcome === 'closed') {
      this.close();
    } else {
      // EIO, ENOSPC…: this line is lost; say so once a later line gets through.
      this.dropped += 1;
    }
  }

  private enqueue(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.queuedBytes + bytes > this.capBytes) {
      this.dropped += 1;
      return false;
    }
    this.push(line, bytes);
    return true;
  }

  private push(chunk: string | Buffer, bytes = chunk.length): void {
    this.queue.push(chunk);
    this.queuedBytes += bytes;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.retry(), this.retryMs);
  }

  private cancelRetry(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private retry(): void {
    this.timer = undefined;
    const progressed = this.writeQueued();
    if (this.idle()) {
      this.retryMs = FIRST_RETRY_MS;
      this.settle();
      return;
    }
    this.retryMs = progressed ? FIRST_RETRY_MS : Math.min(this.retryMs * 2, LAST_RETRY_MS);
    this.scheduleRetry();
  }

  /** Writes queued chunks until the queue is empty or the pipe is full. True if any byte went. */
  private writeQueued(): boolean {
    let progressed = false;
    while (this.head < this.queue.length) {
      const { chunk, count } = this.nextChunk();
      let written: number;
      try {
        written = writeSync(this.fd, chunk);
      } catch (error) {
        const outcome = writeFailure(error);
        if (outcome === 'full') {
          // Keep the joined chunk, so retries against a stalled pipe do not join and encode again.
          this.advance(count - 1);
          this.queue[this.head] = chunk;
          return progressed;
        }
        if (outcome === 'closed') {
          this.close();
          return progressed;
        }
        written = 0; // another error: drop this chunk rather than retry it forever
        this.dropped += count;
      }
      progressed ||= written > 0;
      this.queuedBytes -= chunk.length;
      if (written > 0 && written < chunk.length) {
        const rest = chunk.subarray(written);
        this.advance(count - 1);
        this.queue[this.head] = rest;
        this.queuedBytes += rest.length;
        return progressed;
      }
      this.advance(count);
      this.compact();
    }
    return progressed;
  }

  /** The next queued lines joined into one buffer of about {@link CHUNK_BYTES}. */
  private nextChunk(): { chunk: Buffer; count: number } {
    const first = this.queue[this.head] as string | Buffer;
    if (typeof first !== 'string') return { chunk: first, count: 1 };
    let text = first;
    let end = this.head + 1;
    while (end < this.queue.length && text.length < CHUNK_BYTES) {
      const next = this.queue[end];
      if (typeof next !== 'string') break;
      text += next;
      end += 1;
    }
    return { chunk: Buffer.from(text), count: end - this.head };
  }

  /** Moves past `count` queue entries, letting go of them at once (the array is reused). */
  private advance(count: number): void {
    for (const end = this.head + count; this.head < end; this.head += 1) {
      this.queue[this.head] = EMPTY;
    }
  }

  /** Shortens the array once the entries already written are the larger part of it. */
  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private close(): void {
    this.closed = true;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.cancelRetry();
    this.settle();
  }

  private reportDrops(): void {
    const report = this.dropReporter;
    if (report === undefined) return;
    const dropped = this.dropped;
    this.dropped = 0;
    try {
      report(dropped);
    } catch {
      // A report that fails must not take the line that triggered it down with it.
    }
  }

  /** The queue is empty: report drops, then wake whoever waits for the drain. */
  private settle(): void {
    if (!this.idle()) return;
    if (this.dropped !== 0 && !this.closed) {
      this.reportDrops();
      if (!this.idle()) return; // the report line itself is queued: settle after it
    }
    const waiters = this.waiters;
    if (waiters.length === 0) return;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
