// A corpus of secrets placed wherever a log call can carry them (issue 18): secret-like keys at the
// top level, nested, dotted, in arrays, under ECS roots, under `labels`, in displaced values and
// in child bindings; secrets inside values (connection strings, URLs with passwords, `key=value`
// pairs, JSON) in fields and in error text. Each secret is a unique canary that must not reach
// the line. Next to it, values that are not secrets (`author`, a stack frame's line:column when
// the file name holds a secret word) must come out unchanged.
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { capture } from '../../test/helpers/capture.js';

let n = 0;
const canary = (): string => `Cn${(++n).toString().padStart(4, '0')}q`;

/** Key spellings that name a secret: camelCase, snake, kebab, dotted, upper, plural. */
const SECRET_KEYS = [
  'password',
  'Password',
  'passwd',
  'pwd',
  'passphrase',
  'dbPassword',
  'db_password',
  'DB_PASSWORD',
  'passwordHash',
  'secret',
  'clientSecret',
  'client_secret',
  'secrets',
  'token',
  'accessToken',
  'access_token',
  'refresh-token',
  'idToken',
  'tokens',
  'apiKey',
  'api_key',
  'api-key',
  'x-api-key',
  'apikey',
  'APIKey',
  'API_KEY',
  'authorization',
  'Authorization',
  'proxy-authorization',
  'auth',
  'authToken',
  'x-auth-token',
  'cookie',
  'set-cookie',
  'Cookie',
  'credential',
  'credentials',
  'private_key',
  'privateKey',
  'private-key',
  'jwt',
  'sessionToken',
  'secretAccessKey',
  'aws_secret_access_key',
];

type Place = (log: Logger, key: string, value: string) => void;

/** Where a secret-named key may sit. Each writes exactly one line. */
const KEY_PLACES: Record<string, Place> = {
  'top level': (log, k, v) => log.info({ [k]: v }, 'm'),
  nested: (log, k, v) => log.info({ config: { [k]: v } }, 'm'),
  'deeply nested': (log, k, v) => log.info({ a: { b: { c: { [k]: v } } } }, 'm'),
  'dotted key': (log, k, v) => log.info({ [`db.${k}`]: v }, 'm'),
  'in an array': (log, k, v) => log.info({ users: [{ name: 'x', [k]: v }] }, 'm'),
  'under an ECS root': (log, k, v) => log.info({ user: { name: 'u', [k]: v } }, 'm'),
  'under an ECS object field': (log, k, v) =>
    log.info({ http: { request: { headers: { [k]: v } } } }, 'm'),
  'under labels': (log, k, v) => log.info({ labels: { [k]: v } }, 'm'),
  'labels, dotted': (log, k, v) => log.info({ [`labels.${k}`]: v }, 'm'),
  'displaced (collector key)': (log, k, v) => log.info({ time: { [k]: v } }, 'm'),
  'displaced (conflicting type)': (log, k, v) => log.info({ 'user.name': { [k]: v } }, 'm'),
  'child binding': (log, k, v) => log.child({ [k]: v }).info('m'),
  'child binding, nested': (log, k, v) => log.child({ ctx: { [k]: v } }).info('m'),
};

/** Texts that hold a secret inside a value. */
const SECRET_TEXTS: ((v: string) => string)[] = [
  (v) => `postgres://app:${v}@db.internal:5432/orders`,
  (v) => `mysql://root:${v}@localhost/shop`,
  (v) => `redis://:${v}@cache:6379/0`,
  (v) => `https://deploy:${v}@git.example.com/org/repo.git`,
  (v) => `mongodb+srv://svc:${v}@cluster0.example.net/db?retryWrites=true`,
  (v) => `connect failed: password=${v}`,
  (v) => `Server=db;User Id=sa;Pwd=${v};`,
  (v) => `login failed, Password: ${v}`,
  (v) => `token: "${v}"`,
  (v) => `GET https://api.example.com/v1/items?api_key=${v}&q=1`,
  (v) => `https://api.example.com/cb?access_token=${v}`,
  (v) => `header api-key: ${v} rejected`,
  (v) => `Authorization: Bearer ${v}`,
  (v) => `authorization=Basic ${v}`,
  (v) => `request failed: {"user":"bob","password":"${v}"}`,
  (v) => `bad config {"apiKey": "${v}", "region": "eu"}`,
  (v) => `secret='${v}'`,
  (v) => `DB_PASSWORD=${v} node server.js`,
  (v) => `x-api-key:${v}`,
  (v) => `client_secret=${v}&grant_type=client_credentials`,
  (v) => `credential ${'='} ${v}`,
  (v) => `auth=${v}`,
];

/** Where a text may sit. Each writes exactly one line. */
const TEXT_PLACES: Record<string, (log: Logger, text: string) => void> = {
  'custom field': (log, t) => log.info({ dsn: t }, 'm'),
  'nested field': (log, t) => log.info({ cfg: { upstream: [t] } }, 'm'),
  'ECS string field': (log, t) => log.info({ 'url.original': t }, 'm'),
  'Error first argument': (log, t) => log.error(new Error(t), 'failed'),
  '{ err }': (log, t) => log.error({ err: new Error(t) }, 'failed'),
  "Error, no message (the line takes the error's)": (log, t) => log.error(new Error(t)),
  '{ err }, no message': (log, t) => log.error({ err: new Error(t) }),
  '{ error: Error }': (log, t) => log.error({ error: new Error(t) }, 'failed'),
  'error cause': (log, t) => log.error(new Error('outer', { cause: new Error(t) }), 'failed'),
  'plain { error } object': (log, t) => log.error({ error: { message: t } }, 'failed'),
  'plain { error } stack': (log, t) =>
    log.error({ error: { message: 'x', stack_trace: `Error: ${t}\n    at f (a.js:1:2)` } }, 'f'),
  'label value': (log, t) => log.info({ labels: { conn: t } }, 'm'),
  'child binding value': (log, t) => log.child({ upstream: t }).info('m'),
  'displaced value': (log, t) => log.info({ stream: t }, 'm'),
  tag: (log, t) => log.info({ tags: [t] }, 'm'),
};

interface Case {
  name: string;
  secret: string;
  write(log: Logger): void;
}

function corpus(): Case[] {
  const cases: Case[] = [];
  for (const [place, write] of Object.entries(KEY_PLACES)) {
    for (const key of SECRET_KEYS) {
      const secret = canary();
      cases.push({ name: `${place}: ${key}`, secret, write: (log) => write(log, key, secret) });
    }
  }
  for (const [place, write] of Object.entries(TEXT_PLACES)) {
    SECRET_TEXTS.forEach((text, i) => {
      const secret = canary();
      cases.push({
        name: `${place}: text #${i} ${text('…')}`,
        secret,
        write: (log) => write(log, text(secret)),
      });
    });
  }
  return cases;
}

/** Runs every case on its own line; returns the cases whose canary reached the line. */
function leaks(cases: Case[]): string[] {
  const { log, lines, records } = capture();
  const leaked: string[] = [];
  for (const c of cases) {
    const before = lines.length;
    c.write(log);
    const written = lines.slice(before).join('');
    if (lines.length === before) leaked.push(`${c.name} (no line written)`);
    else if (written.includes(c.secret)) leaked.push(`${c.name}: ${written.trim()}`);
  }
  records(); // every line valid ECS
  return leaked;
}

describe('secrets corpus', () => {
  it('no secret reaches a line, wherever it is placed (≥ 300 values)', () => {
    const cases = corpus();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const leaked = leaks(cases);
    console.log(`[secrets corpus] ${cases.length} values, ${leaked.length} leaked`);
    expect(leaked).toEqual([]);
  });

  it('keys that only contain a secret word are not censored (word match, not substring)', () => {
    const { log, last } = capture();
    const plain = {
      author: 'Ann',
      authorId: 'a-1',
      author_name: 'Ann B',
      authority: 'api.example.com',
      keyboard: 'qwerty',
      monkey: 'banana',
      passenger: 'P. Ax',
      secretary: 'Sam',
      tokenizer: 'bpe',
      compass: 'north',
      cookiecutter: 'template',
    };
    log.info(plain, 'm');
    expect(last()).toMatchObject(plain);
    log.info({ labels: { author: 'Ann' }, user: { name: 'u', authored: 'x' } }, 'm');
    expect(last()).toMatchObject({ labels: { author: 'Ann' }, 'user.authored': 'x' });
    // An ECS field is judged by its own name: `gen_ai.token.type` holds "input" or "output".
    log.info({ 'gen_ai.token.type': 'input', 'url.password': 'pw' }, 'm');
    expect(last()).toMatchObject({ 'gen_ai.token.type': 'input', 'url.password': '[REDACTED]' });
  });

  it("does not censor a stack frame's line:column when the file name holds a secret word", () => {
    const { log, last } = capture();
    const err = new Error('boom');
    err.stack = [
      'Error: boom',
      '    at reset (/app/src/password-reset.js:12:5)',
      '    at issue (/app/src/token-service.ts:40:13)',
      '    at file:///app/src/api-key-store.mjs:7:21',
    ].join('\n');
    log.error(err, 'failed');
    const stack = last()['error.stack_trace'] as string;
    expect(stack).toContain('password-reset.js:12:5');
    expect(stack).toContain('token-service.ts:40:13');
    expect(stack).toContain('api-key-store.mjs:7:21');
  });

  it('keeps text pairs whose key is not a secret (author=…, keyboard: …)', () => {
    const { log, last } = capture();
    log.error(new Error('author=Ann keyboard: qwerty tokenizer=bpe'), 'failed');
    expect(last()['error.message']).toBe('author=Ann keyboard: qwerty tokenizer=bpe');
  });
});
