import { readFileSync } from 'node:fs';
import { type Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { validateLine } from '@ecotrace/ecs-schema';
import type { Logger } from 'pino';
import { createLogger } from '../src/create-logger.js';

/** Lines a logger wrote, parsed, each checked against the ECS validator. */
export interface Capture {
  logger: Logger;
  lines: string[];
  records(): Record<string, unknown>[];
  /** Records carrying this `http.request.id`. */
  forRequest(id: string): Record<string, unknown>[];
  /** Waits (polling, generous timeout) until `pred` holds for some record. */
  waitFor(
    pred: (r: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Validator errors across all lines so far (warnings, e.g. custom fields, are not errors). */
  errors(): { line: string; problems: unknown[] }[];
}

export function captureLogger(): Capture {
  const lines: string[] = [];
  const destination = {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') lines.push(line);
    },
  };
  // Each test's logger is the app's root (getLogger() outside a request), as in an app.
  const logger = createLogger({
    destination,
    handleExit: false,
    service: { name: 'http-test' },
    root: true,
  });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    logger,
    lines,
    records,
    forRequest: (id) => records().filter((r) => r['http.request.id'] === id),
    async waitFor(pred, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = records().find(pred);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching line in:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    errors: () =>
      lines
        .map((line) => ({
          line,
          problems: validateLine(line).filter((p) => p.severity === 'error'),
        }))
        .filter((e) => e.problems.length > 0),
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP request to 127.0.0.1 with exactly these headers (arrays send repeats). */
export function send(
  port: number,
  path: string,
  headers: Record<string, string | string[]> = {},
  options: { method?: string; body?: string; agent?: Agent } = {},
): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers,
        agent: options.agent ?? false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () =>
          resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** One B3 test vector from packages/core/test/b3-vectors.json (docs/trace-context.md). */
export interface B3Vector {
  name: string;
  headers: Record<string, string>;
  expect: {
    valid: boolean;
    traceId: string | null;
    spanId: string | null;
    sampled: boolean | null;
    debug: boolean;
  };
}

/** The B3 vectors, kept with the contract's code in `packages/core/test/b3-vectors.json`. */
export function b3Vectors(): B3Vector[] {
  const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
  return JSON.parse(
    readFileSync(resolve(repoRoot, 'packages', 'core', 'test', 'b3-vectors.json'), 'utf8'),
  );
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh random hex id of `chars` length. */
export function hexId(chars: number): string {
  let out = '';
  while (out.length < chars)
    out += Math.floor(Math.random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, chars).replace(/^0/, '1');
}
