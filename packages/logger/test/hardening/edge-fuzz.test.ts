// Issue 8, "Bad input at the HTTP edge": real Express 4 and 5 and Fastify 4 and 5 servers on
// 127.0.0.1 with our middleware/plugin get random and hostile headers (huge, binary, duplicated,
// CRLF-laden, unicode) over raw sockets. No crash, no unhandled rejection, every request
// answered, every line valid ECS, and no header value ever lands raw in trace.id/span.id/
// http.request.id.
import { isWellFormedRequestId } from '@ecotrace/core';
import express from 'express';
import express4 from 'express4';
import fc from 'fast-check';
import Fastify from 'fastify';
import fastify4 from 'fastify4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressApp, fastifyApp, type StartApp } from '../http-apps.js';
import { captureLogger, UUID_RE } from '../http-harness.js';
import { rawRequest, utf8Bytes } from './raw-http.js';

/** Requests per framework; `HARDENING_FUZZ_RUNS` to change. */
const RUNS = Number(process.env.HARDENING_FUZZ_RUNS ?? 400);

const HEX32 = 'a'.repeat(8) + '0123456789abcdef0123456789ab'.slice(0, 24);
const NAMES = [
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
  'traceparent',
  'tracestate',
  'x-request-id',
  'x-forwarded-for',
  'x-envoy-external-address',
  'user-agent',
  'authorization',
  'cookie',
  'content-type',
  'x-custom',
];
const HOSTILE = [
  'a'.repeat(20_000),
  `${HEX32}\r\nx-b3-traceid: ${HEX32}`,
  `${HEX32}\nx-injected: 1`,
  `${HEX32}\rx`,
  `abc\0def`,
  `${HEX32} `,
  ` ${HEX32}`,
  `${HEX32},${HEX32}`,
  `${HEX32.toUpperCase()}`,
  `00-${HEX32}-0123456789abcdef-01\r\n`,
  `${HEX32}-0123456789abcdef-1-${'f'.repeat(16)}-extra`,
  utf8Bytes('😀'.repeat(50)),
  utf8Bytes(`${HEX32.slice(0, 31)}é`),
  '\udc00',
  '%0d%0a',
  '',
];

const hexish = fc
  .array(fc.constantFrom(...'0123456789abcdefABCDEF-xz'.split('')), { maxLength: 48 })
  .map((a) => a.join(''));
// Weighted so that most requests get past Node's header parser (which answers 400 to control
// characters itself) and reach our middleware.
const value = fc.oneof(
  { arbitrary: hexish, weight: 5 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map(utf8Bytes), weight: 2 },
  {
    arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 2 },
);
const request = fc.record({
  path: fc.constantFrom(
    '/ok',
    '/users/x',
    '/fail',
    '/fail-async',
    '/status/404',
    '/users/%E2%9C%93',
    '/ok?token=abc&x=%ZZ',
    '/%',
    '/users/..%2F..',
    `/users/${'x'.repeat(5_000)}`,
  ),
  headers: fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 8 }),
});

const frameworks: [string, StartApp][] = [
  ['express5', expressApp(express, 5)],
  ['fastify5', fastifyApp(Fastify as never, 5)],
  ['express4', expressApp(express4, 4)],
  ['fastify4', fastifyApp(fastify4 as never, 4)],
];

const problems: string[] = [];
const onProblem = (e: unknown): void => {
  problems.push(String(e instanceof Error ? e.stack : e));
};
beforeAll(() => {
  process.on('unhandledRejection', onProblem);
  process.on('uncaughtException', onProblem);
});
afterAll(() => {
  process.off('unhandledRejection', onProblem);
  process.off('uncaughtException', onProblem);
});

describe.each(frameworks)('%s: fuzzed headers over raw sockets', (name, start) => {
  it(`${RUNS} requests: all answered, every line valid ECS, ids never raw`, async () => {
    const capture = captureLogger();
    const app = await start(capture);
    const statuses = new Map<number, number>();
    try {
      await fc.assert(
        fc.asyncProperty(request, async (req) => {
          const reply = await rawRequest(app.port, req);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          return reply.status >= 200;
        }),
        { numRuns: RUNS },
      );
    } finally {
      await app.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    console.info(
      `[hardening] fuzz ${name}: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${capture.lines.length} lines`,
    );
    expect(problems).toEqual([]);
    expect(capture.errors()).toEqual([]);
    const records = capture.records();
    // Most requests reached the app (Node itself answers 400/431 to the rest).
    const reached = new Set(records.map((r) => r['http.request.id']).filter(Boolean));
    console.info(`[hardening] fuzz ${name}: ${reached.size} requests reached the middleware`);
    expect(reached.size).toBeGreaterThan(RUNS / 3);
    for (const r of records) {
      if ('trace.id' in r) expect(r['trace.id']).toMatch(/^[0-9a-f]{32}$/);
      if ('span.id' in r) expect(r['span.id']).toMatch(/^[0-9a-f]{16}$/);
      if ('transaction.id' in r) expect(r['transaction.id']).toMatch(/^[0-9a-f]{16}$/);
      const id = r['http.request.id'];
      if (id !== undefined) {
        expect(typeof id).toBe('string');
        expect(UUID_RE.test(id as string) || isWellFormedRequestId(id), String(id)).toBe(true);
      }
    }
  });
});
