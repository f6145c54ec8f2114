// Issue 8, "Secrets": a corpus of secret-bearing headers, query parameters, body fields and error
// messages, each carrying a unique canary. No canary reaches a line unless explicitly allowed;
// url.query/url.full keep the parameter names with the values redacted.
import express from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import fastify4 from 'fastify4';
import { describe, expect, it } from 'vitest';
import { capture } from '../helpers/capture.js';
import { expressApp, fastifyApp, type StartApp } from '../http-apps.js';
import { captureLogger, send } from '../http-harness.js';

let n = 0;
const canary = (): string => {
  n += 1;
  return `S3CR3T${n}x`;
};

const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-auth-token',
  'x-amz-security-token',
];
const SECRET_PARAMS = [
  'token',
  'password',
  'access_token',
  'api_key',
  'apikey',
  'secret',
  'client_secret',
  'refresh_token',
  'passwd',
  'X-Amz-Signature',
];

const frameworks: [string, StartApp][] = [
  ['express5', expressApp(express, 5)],
  ['fastify5', fastifyApp(Fastify as never, 5)],
  ['express4', expressApp(express4, 4)],
  ['fastify4', fastifyApp(fastify4 as never, 4)],
];

describe.each(frameworks)('%s: secrets in requests', (_name, start) => {
  it('secret headers (logged by allow-list) and query parameters never reach a line', async () => {
    const cap = captureLogger();
    const app = await start(cap, { requestHeaders: [...SECRET_HEADERS, 'user-agent'] });
    const secrets: string[] = [];
    try {
      for (const param of SECRET_PARAMS) {
        const headers: Record<string, string> = { 'user-agent': 'fuzz/1' };
        for (const h of SECRET_HEADERS) {
          const s = canary();
          secrets.push(s);
          headers[h] = h === 'authorization' ? `Bearer ${s}` : s;
        }
        const s = canary();
        secrets.push(s);
        const reply = await send(app.port, `/users/1?${param}=${s}&page=2`, headers);
        expect(reply.status).toBe(200);
      }
      await cap.waitFor((r) => String(r['url.query'] ?? '').includes('X-Amz-Signature'));
    } finally {
      await app.close();
    }
    const text = cap.lines.join('\n');
    for (const s of secrets) expect(text).not.toContain(s);
    const access = cap.records().filter((r) => r['url.query'] !== undefined);
    expect(access).toHaveLength(SECRET_PARAMS.length);
    for (const r of access) {
      expect(r['url.query']).toMatch(/^[\w-]+=[^&]*REDACTED[^&]*&page=2$/);
      expect(String(r['url.full'])).toContain('page=2');
      const logged = r['http.request.headers'] as Record<string, unknown> | undefined;
      expect(logged?.['user-agent']).toEqual('fuzz/1');
    }
  });
});

describe('secrets in logged objects and errors', () => {
  it('body-like fields with secret keys, nested and in arrays, are redacted', () => {
    const c = capture();
    const secrets = Array.from({ length: 8 }, canary);
    c.log.info(
      {
        body: { user: 'ann', password: secrets[0], profile: { apiKey: secrets[1] } },
        credentials: [{ token: secrets[2] }, { client_secret: secrets[3] }],
        headers: { authorization: secrets[4], cookie: secrets[5] },
        passwd: secrets[6],
        accessToken: secrets[7],
      },
      'signup',
    );
    const line = c.lines.join('');
    for (const s of secrets) expect(line).not.toContain(s);
    expect(c.last().body).toMatchObject({ user: 'ann' });
  });

  it('credentials in error messages and stacks (key=value, key: value, URL passwords) are redacted', () => {
    const c = capture();
    const secrets = Array.from({ length: 6 }, canary);
    const err = new Error(
      `connect failed: postgres://app:${secrets[0]}@db:5432/orders password=${secrets[1]} token: "${secrets[2]}"`,
      { cause: new Error(`api_key=${secrets[3]}; authorization: Bearer ${secrets[4]}`) },
    );
    c.log.error(err, 'db down');
    c.log.error({ err: new Error(`client_secret='${secrets[5]}'`) }, 'oauth');
    const text = c.lines.join('');
    for (const s of secrets) expect(text).not.toContain(s);
    const first = c.records()[0] as Record<string, unknown>;
    expect(first['error.message']).toBe(
      'connect failed: postgres://app:[REDACTED]@db:5432/orders password=[REDACTED] token: "[REDACTED]"',
    );
    expect(first['error.stack_trace']).toContain('api_key=[REDACTED]');
  });

  it('explicitly allowed: with redaction off, the caller asked for the value and gets it', () => {
    const c = capture({ redact: false });
    const s = canary();
    c.log.info({ token: s }, 'allowed');
    c.log.error(new Error(`password=${s}`), 'allowed');
    expect(c.lines.filter((l) => l.includes(s))).toHaveLength(2);
  });
});
