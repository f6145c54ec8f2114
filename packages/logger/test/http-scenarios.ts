import { Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpLoggingOptions } from '../src/http/options.js';
import type { AppUnderTest, StartApp } from './http-apps.js';
import { b3Vectors, type Capture, captureLogger, hexId, send, UUID_RE } from './http-harness.js';

type Rec = Record<string, unknown>;
const isAccess = (r: Rec) =>
  Array.isArray(r['event.type']) && (r['event.type'] as string[]).includes('access');

async function accessFor(capture: Capture, id: string): Promise<Rec> {
  return capture.waitFor((r) => r['http.request.id'] === id && isAccess(r));
}

/** Starts an app per describe block and checks every captured line against ECS on the way out. */
function withApp(start: StartApp, options?: HttpLoggingOptions) {
  const state = {} as { app: AppUnderTest; capture: Capture };
  beforeAll(async () => {
    state.capture = captureLogger();
    state.app = await start(state.capture, options);
  });
  afterAll(async () => {
    await state.app?.close();
    expect(state.capture.errors()).toEqual([]);
  });
  return state;
}

/** The sidecar-only behaviour every integration must show (issue 4). */
export function describeHttpScenarios(name: string, start: StartApp): void {
  describe(`${name}: access line`, () => {
    const s = withApp(start, { trustProxy: true, requestHeaders: ['accept', 'authorization'] });

    it('writes one ECS access line with the request fields, echoing x-request-id', async () => {
      const reply = await send(s.app.port, '/users/42?q=shoes&access_token=abc', {
        'x-request-id': 'req-fields-1',
        'user-agent': 'probe/1.0',
        accept: 'application/json',
        authorization: 'Bearer secret-value',
        cookie: 'sid=1',
        'x-forwarded-for': '203.0.113.7, 10.0.0.1',
        'x-forwarded-proto': 'https',
        host: 'shop.example.com',
      });
      expect(reply.status).toBe(200);
      expect(reply.headers['x-request-id']).toBe('req-fields-1');
      const line = await accessFor(s.capture, 'req-fields-1');
      expect(line).toMatchObject({
        'log.level': 'info',
        message: 'GET /users/42 200',
        'event.kind': 'event',
        'event.category': ['web'],
        'event.type': ['access'],
        'event.outcome': 'success',
        'http.request.method': 'GET',
        'http.version': '1.1',
        'http.route': '/users/:id',
        'http.response.status_code': 200,
        'url.path': '/users/42',
        'url.query': 'q=shoes&access_token=[REDACTED]',
        'url.full': 'https://shop.example.com/users/42?q=shoes&access_token=[REDACTED]',
        'url.scheme': 'https',
        'url.domain': 'shop.example.com',
        'user_agent.original': 'probe/1.0',
        'client.ip': '203.0.113.7',
        'http.request.headers': { accept: 'application/json', authorization: '[REDACTED]' },
      });
      expect(line['http.response.body.bytes']).toBe(Number(reply.headers['content-length']));
      expect(typeof line['event.duration']).toBe('number');
      expect(line['event.duration'] as number).toBeGreaterThan(0);
      expect(JSON.stringify(s.capture.records())).not.toContain('secret-value');
      expect(s.capture.forRequest('req-fields-1').filter(isAccess)).toHaveLength(1);
    });

    it('counts request body bytes and keeps the context through body parsing', async () => {
      const body = JSON.stringify({ hello: 'world' });
      const reply = await send(
        s.app.port,
        '/echo',
        {
          'x-request-id': 'req-body-1',
          'content-type': 'application/json',
          'x-b3-traceid': 'a'.repeat(32),
          'x-b3-spanid': 'b'.repeat(16),
        },
        { method: 'POST', body },
      );
      expect(JSON.parse(reply.body)).toEqual({ hello: 'world' });
      const line = await accessFor(s.capture, 'req-body-1');
      expect(line['http.request.body.bytes']).toBe(Buffer.byteLength(body));
      expect(line['http.request.method']).toBe('POST');
      const echo = s.capture
        .records()
        .find((r) => r.message === 'echo' && r['http.request.id'] === 'req-body-1');
      expect(echo).toMatchObject({ 'trace.id': 'a'.repeat(32), 'span.id': 'b'.repeat(16) });

      // The body arriving in a later packet resumes the handler from the socket's events,
      // outside the request's async context: the integration must restore it.
      const socket = connect(s.app.port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write(
        `POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-request-id: req-body-late\r\nx-b3-traceid: ${'c'.repeat(32)}\r\nx-b3-spanid: ${'d'.repeat(16)}\r\n\r\n`,
      );
      await new Promise((r) => setTimeout(r, 150));
      socket.write(body);
      await accessFor(s.capture, 'req-body-late');
      socket.destroy();
      const late = s.capture
        .records()
        .find((r) => r.message === 'echo' && r['http.request.id'] === 'req-body-late');
      expect(late).toMatchObject({ 'trace.id': 'c'.repeat(32), 'span.id': 'd'.repeat(16) });
    });

    it('levels by status: 4xx warn, 5xx error; a generated id replaces a bad one', async () => {
      const notFound = await send(s.app.port, '/status/404', { 'x-request-id': 'req-404' });
      expect(notFound.status).toBe(404);
      expect(await accessFor(s.capture, 'req-404')).toMatchObject({
        'log.level': 'warn',
        'event.outcome': 'failure',
        'http.response.status_code': 404,
      });
      const bad = await send(s.app.port, '/status/502', {
        'x-request-id': 'has spaces "and quotes"',
      });
      const id = bad.headers['x-request-id'] as string;
      expect(id).toMatch(UUID_RE);
      expect(await accessFor(s.capture, id)).toMatchObject({
        'log.level': 'error',
        'http.response.status_code': 502,
      });
    });
  });

  describe(`${name}: options`, () => {
    const s = withApp(start, {
      healthPaths: ['/users/0'],
      echoRequestId: false,
      responseHeaders: ['content-type'],
      accessLevel: (status, aborted) =>
        aborted || (status ?? 0) >= 500 ? 'fatal' : status === 404 ? 'debug' : 'warn',
    });

    it('honours healthPaths, echoRequestId, responseHeaders and accessLevel', async () => {
      const probe = await send(s.app.port, '/healthz', { 'x-request-id': 'opt-health' });
      expect(probe.headers['x-request-id']).toBeUndefined();
      const line = await accessFor(s.capture, 'opt-health');
      expect(line['log.level']).toBe('warn');
      expect(line['http.response.headers']).toEqual({
        'content-type': expect.stringContaining('text/'),
      });
      await send(s.app.port, '/users/0', { 'x-request-id': 'opt-custom-probe' });
      // A level below the logger's (debug < info) writes no access line.
      await send(s.app.port, '/status/404', { 'x-request-id': 'opt-debug' });
      await send(s.app.port, '/status/500', { 'x-request-id': 'opt-500' });
      expect((await accessFor(s.capture, 'opt-500'))['log.level']).toBe('fatal');
      expect(s.capture.forRequest('opt-custom-probe')).toEqual([]);
      expect(s.capture.forRequest('opt-debug')).toEqual([]);
    });
  });

  describe(`${name}: defaults`, () => {
    const s = withApp(start);

    it('logs no headers by default and takes client.ip, scheme and host from the socket', async () => {
      await send(s.app.port, '/users/1', {
        'x-request-id': 'req-default-1',
        accept: 'text/plain',
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-proto': 'https',
      });
      const line = await accessFor(s.capture, 'req-default-1');
      expect(line['http.request.headers']).toBeUndefined();
      expect(line['client.ip']).toBe('127.0.0.1');
      expect(line['url.scheme']).toBe('http');
      expect(line['url.full']).toBe(`http://127.0.0.1:${s.app.port}/users/1`);
      expect(line['url.port']).toBe(s.app.port);
    });

    it('skips successful health probes and logs failing ones', async () => {
      await send(s.app.port, '/healthz', { 'x-request-id': 'req-health-ok' });
      await send(s.app.port, '/readyz', { 'x-request-id': 'req-health-bad' });
      await send(s.app.port, '/users/2', { 'x-request-id': 'req-after-health' });
      expect(await accessFor(s.capture, 'req-health-bad')).toMatchObject({
        'http.response.status_code': 503,
        'log.level': 'error',
      });
      await accessFor(s.capture, 'req-after-health');
      expect(s.capture.forRequest('req-health-ok')).toEqual([]);
    });

    it('logs a handler error once with error.* and the ids; the framework answers 500 as usual', async () => {
      for (const path of ['/fail', '/fail-async']) {
        const id = `req-err-${path.slice(1)}`;
        const traceId = hexId(32);
        const reply = await send(s.app.port, path, {
          'x-request-id': id,
          'x-b3-traceid': traceId,
          'x-b3-spanid': hexId(16),
          'x-b3-sampled': '1',
        });
        expect(reply.status).toBe(500);
        await accessFor(s.capture, id);
        const errors = s.capture.forRequest(id).filter((r) => r['error.message'] !== undefined);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({
          'log.level': 'error',
          'error.type': 'Error',
          'error.message': path === '/fail' ? 'sync boom' : 'async boom',
          'trace.id': traceId,
        });
        expect(errors[0]!['error.stack_trace']).toEqual(expect.stringContaining('boom'));
      }
    });

    it('writes one access line per request on a keep-alive connection', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; i < 3; i++) {
          await send(s.app.port, '/users/7', { 'x-request-id': `keepalive-${i}` }, { agent });
        }
        for (let i = 0; i < 3; i++) {
          await accessFor(s.capture, `keepalive-${i}`);
          expect(s.capture.forRequest(`keepalive-${i}`).filter(isAccess)).toHaveLength(1);
        }
      } finally {
        agent.destroy();
      }
    });

    it("the request's logger still names the request after its response has closed", async () => {
      await send(s.app.port, '/late', { 'x-request-id': 'late-1' });
      const line = await s.capture.waitFor(
        (r) => r.message === 'after the response' && r['http.request.id'] === 'late-1',
      );
      expect(line['log.level']).toBe('info');
    });

    it("module loggers and the app's logger carry the request's fields inside a request", async () => {
      const traceId = hexId(32);
      const spanId = hexId(16);
      await send(s.app.port, '/module', {
        'x-request-id': 'module-1',
        'x-b3-traceid': traceId,
        'x-b3-spanid': spanId,
        'x-b3-sampled': '1',
      });
      await accessFor(s.capture, 'module-1');
      for (const message of ['from a module logger', 'from the app logger']) {
        const line = await s.capture.waitFor((r) => r.message === message);
        expect(line, message).toMatchObject({
          'http.request.id': 'module-1',
          'trace.id': traceId,
          'span.id': spanId,
        });
      }
    });

    it('logs an aborted request as such', async () => {
      const socket = connect(s.app.port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      // Trace headers too: the line is written from the socket's 'close', outside the request's
      // async context, and must still carry the request's ids.
      socket.write(
        'GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nx-request-id: req-abort-1\r\n' +
          `x-b3-traceid: ${'ab'.repeat(16)}\r\nx-b3-spanid: ${'cd'.repeat(8)}\r\n\r\n`,
      );
      await new Promise((r) => setTimeout(r, 200));
      socket.destroy();
      const line = await accessFor(s.capture, 'req-abort-1');
      expect(line).toMatchObject({
        'event.outcome': 'failure',
        'log.level': 'warn',
        message: 'GET /slow aborted by the client',
        'trace.id': 'ab'.repeat(16),
        'span.id': 'cd'.repeat(8),
      });
      expect(line['http.response.status_code']).toBeUndefined();
      expect(line['event.reason']).toEqual(expect.stringContaining('closed'));
    });

    it('B3 vectors sent as real headers give the contract ids (span.id = the sidecar span)', async () => {
      const vectors = b3Vectors();
      for (const [i, v] of vectors.entries()) {
        const id = `req-vector-${i}`;
        const reply = await send(s.app.port, '/ok', { ...v.headers, 'x-request-id': id });
        expect(reply.status, v.name).toBe(200);
        await accessFor(s.capture, id);
        const lines = s.capture.forRequest(id);
        expect(lines.length, v.name).toBeGreaterThanOrEqual(4);
        for (const line of lines) {
          if (v.expect.valid) {
            expect([v.name, line['trace.id'], line['span.id']]).toEqual([
              v.name,
              v.expect.traceId,
              v.expect.spanId,
            ]);
          } else {
            expect([v.name, line['trace.id'], line['span.id']]).toEqual([
              v.name,
              undefined,
              undefined,
            ]);
          }
          expect(line['transaction.id'], v.name).toBeUndefined();
        }
      }
    });

    it('bad input never breaks a request: malformed, 8 KB, duplicated, non-ASCII headers', async () => {
      const huge = 'f'.repeat(8 * 1024);
      const cases: Record<string, string | string[]>[] = [
        { 'x-b3-traceid': 'zz'.repeat(16), 'x-b3-spanid': 'not-hex', 'x-request-id': huge },
        // Node's default limit is 16 KB for all headers: one 8 KB value per request.
        { 'x-b3-traceid': huge, 'x-b3-spanid': 'a'.repeat(16) },
        { b3: huge, 'x-b3-spanid': 'a'.repeat(16) },
        { traceparent: huge },
        {
          'x-b3-traceid': ['a'.repeat(32), 'b'.repeat(32)],
          'x-b3-spanid': ['c'.repeat(16), 'd'.repeat(16)],
          'x-request-id': ['dup-1', 'dup-2'],
        },
        { 'x-b3-traceid': 'é'.repeat(32), b3: 'ü-ö-1', 'x-request-id': 'ïd-with-latin1' },
      ];
      for (const headers of cases) {
        const reply = await send(s.app.port, '/ok', headers);
        expect(reply.status).toBe(200);
        const id = reply.headers['x-request-id'] as string;
        expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
        const lines = await accessFor(s.capture, id).then(() => s.capture.forRequest(id));
        expect(lines.length).toBeGreaterThanOrEqual(4);
      }
      // Duplicates: Node joins them with ", " and the first value wins (B3 contract R0).
      const dup = s.capture
        .records()
        .find((r) => r.message === 'handler start' && r['trace.id'] === 'a'.repeat(32));
      expect(dup?.['span.id']).toBe('c'.repeat(16));
    });

    it('200 concurrent requests: every line carries its own request ids, none is missing', async () => {
      const before = s.capture.lines.length;
      const requests = Array.from({ length: 200 }, (_, i) => ({
        id: `conc-${i}`,
        traceId: hexId(32),
        spanId: hexId(16),
      }));
      const replies = await Promise.all(
        requests.map((r) =>
          send(s.app.port, '/ok', {
            'x-request-id': r.id,
            'x-b3-traceid': r.traceId,
            'x-b3-spanid': r.spanId,
            'x-b3-sampled': '1',
          }),
        ),
      );
      expect(replies.every((r) => r.status === 200)).toBe(true);
      for (const r of requests) await accessFor(s.capture, r.id);
      const byId = new Map(requests.map((r) => [r.id, r]));
      const lines = s.capture.records().slice(before);
      let checked = 0;
      for (const line of lines) {
        const req = byId.get(line['http.request.id'] as string);
        expect(req, JSON.stringify(line)).toBeDefined();
        expect([line['trace.id'], line['span.id']]).toEqual([req!.traceId, req!.spanId]);
        checked++;
      }
      // handler start, 2 × (deep work + scheduled), access: 6 lines per request.
      expect(checked).toBe(1200);
    });
  });
}
