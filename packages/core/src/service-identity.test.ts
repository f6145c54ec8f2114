import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResourceAttributes } from './resource-attributes.js';
import { resolveServiceIdentity } from './service-identity.js';

const root = mkdtempSync(join(tmpdir(), 'ecotrace-identity-'));
const app = join(root, 'app');
const nested = join(app, 'src', 'deep');
mkdirSync(nested, { recursive: true });
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'orders-api', version: '2.3.4' }));
const empty = join(root, 'empty');
mkdirSync(empty);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveServiceIdentity', () => {
  it('prefers options over OTEL_SERVICE_NAME over OTEL_RESOURCE_ATTRIBUTES over package.json', () => {
    const env = {
      OTEL_SERVICE_NAME: 'from-env',
      OTEL_RESOURCE_ATTRIBUTES:
        'service.name=from-attrs,service.version=9.9.9,deployment.environment.name=prod',
    };
    expect(resolveServiceIdentity({ name: 'opt', cwd: nested }, env)).toMatchObject({
      name: 'opt',
      version: '9.9.9',
      environment: 'prod',
    });
    expect(resolveServiceIdentity({ cwd: nested }, env).name).toBe('from-env');
    expect(
      resolveServiceIdentity(
        { cwd: nested },
        { OTEL_RESOURCE_ATTRIBUTES: env.OTEL_RESOURCE_ATTRIBUTES },
      ).name,
    ).toBe('from-attrs');
    expect(resolveServiceIdentity({ cwd: nested }, {})).toMatchObject({
      name: 'orders-api',
      version: '2.3.4',
    });
  });

  it('reads deployment.environment when .name is absent, namespace, and percent-decodes', () => {
    const got = resolveServiceIdentity(
      { cwd: nested },
      {
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=stag%20ing, service.namespace=shop%2Ceu',
      },
    );
    expect(got).toMatchObject({ environment: 'stag ing', namespace: 'shop,eu' });
  });

  it('falls back to unknown_service:node and os.hostname()', () => {
    const got = resolveServiceIdentity({ cwd: empty }, {});
    // The walk may find a package.json above the temp dir on odd machines; the default applies otherwise.
    if (got.name !== 'unknown_service:node') expect(got.name).not.toBe('');
    expect(got.hostname).toBe(hostname());
    expect(got.nodeName).toBeUndefined();
  });

  it('uses HOSTNAME (the pod name) for hostname and nodeName', () => {
    const got = resolveServiceIdentity(
      { name: 'x', cwd: empty },
      { HOSTNAME: 'orders-7d9f-abcde' },
    );
    expect(got).toMatchObject({
      name: 'x',
      hostname: 'orders-7d9f-abcde',
      nodeName: 'orders-7d9f-abcde',
    });
  });
});

describe('parseResourceAttributes', () => {
  it('discards the whole variable when an entry is invalid, like the OTel SDK', () => {
    expect(parseResourceAttributes('a=1,b')).toEqual({});
    expect(parseResourceAttributes('a=1,b=%E0%A4%A')).toEqual({});
    expect(parseResourceAttributes('a=1,=2')).toEqual({});
    expect(parseResourceAttributes(`a=${'x'.repeat(256)}`)).toEqual({});
    expect(parseResourceAttributes('a=1,,b=2 ')).toEqual({ a: '1', b: '2' });
    expect(parseResourceAttributes(undefined)).toEqual({});
  });
});
