// Log storms: one failing dependency can make every request log the same error, flooding the
// pipe (and the 16 MiB buffer, which then drops everything else). A fixed window per
// (level, message template) keeps the first `max` lines of each window and counts the rest;
// a summary line per key reports the count when the window ends.

/** `rateLimit` option: the first `max` lines per (level, template) per `intervalMs` pass. */
export interface RateLimitOptions {
  /** Lines per (level, message template) per window. Default 100. */
  max?: number;
  /** Window length in ms. Default 1 000. */
  intervalMs?: number;
}

interface Window {
  count: number;
  suppressed: number;
  level: number;
  template: string;
}

/** Keys tracked at most (templates can be data): past this, new keys are not limited. */
const MAX_KEYS = 1_000;

/** What a limiter reports when a window ends: write one summary line per entry. */
export type SummaryWriter = (level: number, template: string, suppressed: number) => void;

/** A rate limiter over (level, template) keys with fixed windows. */
export interface RateLimiter {
  /** Whether this line may be written (counts it). */
  allow(level: number, args: readonly unknown[]): boolean;
  /** Writes pending summaries now (at exit, in tests). */
  flush(): void;
}

/** The message template of a pino call: the format string, before interpolation. */
function templateOf(args: readonly unknown[]): string {
  const first = args[0];
  if (typeof first === 'string') return first;
  const second = args[1];
  if (typeof second === 'string') return second;
  if (first instanceof Error) return first.message;
  return '';
}

/**
 * Validates the option (throws a TypeError naming `rateLimit.*`) and builds a limiter, or
 * undefined when the option is off (the default).
 */
export function createRateLimiter(
  option: false | RateLimitOptions | undefined,
  write: SummaryWriter,
): RateLimiter | undefined {
  if (option === undefined || option === false) return undefined;
  if (typeof option !== 'object' || option === null) {
    throw new TypeError(
      '@ecotrace/logger: option `rateLimit` must be false or { max, intervalMs }',
    );
  }
  const max = option.max ?? 100;
  const intervalMs = option.intervalMs ?? 1_000;
  if (!Number.isInteger(max) || max < 1) {
    throw new TypeError('@ecotrace/logger: option `rateLimit.max` must be an integer ≥ 1');
  }
  if (!Number.isInteger(intervalMs) || intervalMs < 10) {
    throw new TypeError('@ecotrace/logger: option `rateLimit.intervalMs` must be an integer ≥ 10');
  }
  // Level → template → window (two lookups are cheaper than building a combined key per line).
  let windows = new Map<number, Map<string, Window>>();
  let keys = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing = false;

  const flush = (): void => {
    const ended = windows;
    windows = new Map();
    keys = 0;
    timer = undefined;
    writing = true;
    try {
      for (const byTemplate of ended.values()) {
        for (const w of byTemplate.values()) {
          if (w.suppressed > 0) write(w.level, w.template, w.suppressed);
        }
      }
    } catch {
      // Never throw from a timer into the process.
    } finally {
      writing = false;
    }
  };

  return {
    allow(level, args) {
      if (writing) return true; // the summary lines themselves
      const template = templateOf(args);
      let byTemplate = windows.get(level);
      if (byTemplate === undefined) {
        byTemplate = new Map();
        windows.set(level, byTemplate);
      }
      let w = byTemplate.get(template);
      if (w === undefined) {
        if (keys >= MAX_KEYS) return true;
        keys += 1;
        w = { count: 0, suppressed: 0, level, template };
        byTemplate.set(template, w);
        if (timer === undefined) {
          timer = setTimeout(flush, intervalMs);
          // A quiet service must still be able to exit.
          timer.unref();
        }
      }
      w.count += 1;
      if (w.count <= max) return true;
      w.suppressed += 1;
      return false;
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      flush();
    },
  };
}
