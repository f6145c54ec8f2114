import { describe, expect, it } from 'vitest';
import { buildRedactor } from './redactor.js';
import { isSecretName, nameWords } from './secret-words.js';

describe('the secret-word rule', () => {
  it('splits names at camelCase humps, acronyms, digits and separators', () => {
    expect(nameWords('apiKey')).toEqual(['api', 'key']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
    expect(nameWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(nameWords('db.password')).toEqual(['db', 'password']);
    expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameWords('password2')).toEqual(['password', '2']);
  });

  it.each([
    'password',
    'passwd',
    'pwd',
    'Pwd',
    'secret',
    'client_secret',
    'token',
    'accessToken',
    'refresh-token',
    'apiKey',
    'api-key',
    'api_key',
    'x-api-key',
    'API_KEY',
    'apikey',
    'db.password',
    'credential',
    'credentials',
    'cookie',
    'set-cookie',
    'authorization',
    'proxy-authorization',
    'auth',
    'x-auth-token',
    'private_key',
    'privateKey',
    'jwt',
    'passphrase',
  ])('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'author',
    'authorId',
    'authority',
    'authenticated',
    'keyboard',
    'monkey',
    'tokenizer',
    'secretary',
    'passenger',
    'compass',
    'publicKey',
    'key',
    'cacheKey',
    'sessionId',
  ])('%s is not secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('one list for keys, paths and text: a Redactor answers all three by it', () => {
    const r = buildRedactor({})!;
    expect(r.key('pwd')).toBe(true);
    expect(r.censors('labels.api_key')).toBe(true);
    expect(r.censors('labels.author')).toBe(false);
    expect(r.scrubText('pwd=p1 author=Ann')).toBe('pwd=[REDACTED] author=Ann');
  });

  it('configured keys match whole names (any dotted segment), paths match exactly', () => {
    const r = buildRedactor({ keys: ['ssn'], paths: ['customer.card'] })!;
    expect(r.key('SSN')).toBe(true);
    expect(r.censors('person.ssn')).toBe(true);
    expect(r.key('ssn_hint')).toBe(false);
    expect(r.censors('customer.card')).toBe(true);
    expect(r.censors('card')).toBe(false);
  });

  it('defaults: false keeps only the configured keys and paths', () => {
    const r = buildRedactor({ defaults: false, keys: ['ssn'] })!;
    expect(r.key('password')).toBe(false);
    expect(r.key('ssn')).toBe(true);
    expect(r.scrubText('password=x')).toBe('password=x');
  });
});
