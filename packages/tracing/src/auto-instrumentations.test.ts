import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AUTO_INSTRUMENTATIONS,
  DEFAULT_OFF,
  loadInstrumentationClass,
  packageOf,
  selectInstrumentations,
} from './auto-instrumentations.js';

const here = import.meta.url;
const autoMain = createRequire(here).resolve('@opentelemetry/auto-instrumentations-node');

describe('the table matches the installed @opentelemetry/auto-instrumentations-node', () => {
  it('same names, same classes, same modules', () => {
    const upstream = createRequire(autoMain)(join(dirname(autoMain), 'utils.js')) as {
      getNodeAutoInstrumentations(config?: object): { instrumentationName: string }[];
    };
    // Its map is not exported: read the names from its source, as the env switches do.
    const source = readFileSync(join(dirname(autoMain), 'utils.js'), 'utf8');
    const names = [
      ...source.matchAll(/'@opentelemetry\/instrumentation-([^']+)': instrumentation_/g),
    ]
      .map((m) => m[1])
      .sort();
    expect(Object.keys(AUTO_INSTRUMENTATIONS).sort()).toEqual(names);
    // Every instrumentation upstream creates is of the class we load, patching the modules we list.
    const all = upstream.getNodeAutoInstrumentations(
      Object.fromEntries(names.map((n) => [packageOf(n as string), { enabled: true }])),
    );
    expect(all).toHaveLength(names.length);
    for (const instance of all) {
      const short = instance.instrumentationName.replace('@opentelemetry/instrumentation-', '');
      expect(instance).toBeInstanceOf(loadInstrumentationClass(short, here));
      const defs = (instance as unknown as { getModuleDefinitions(): { name: string }[] })
        .getModuleDefinitions()
        .map((d) => d.name);
      expect([...new Set(defs)].sort(), short).toEqual(
        [...(AUTO_INSTRUMENTATIONS[short] ?? [])].sort(),
      );
      (instance as unknown as { disable(): void }).disable();
    }
  });
});

describe('selectInstrumentations', () => {
  const nothingInstalled = () => false;
  const everythingInstalled = () => true;

  it('defaults: all but fs, dns, net and the metric ones; only what is installed loads', () => {
    const all = selectInstrumentations({}, {}, everythingInstalled).load;
    for (const off of DEFAULT_OFF) expect(all).not.toContain(off);
    expect(all).toEqual(expect.arrayContaining(['http', 'express', 'pg', 'ioredis', 'mongodb']));
    // Nothing installed: Node's own modules still count (http, https; undici is Node's fetch).
    expect(selectInstrumentations({}, {}, nothingInstalled).load).toEqual(['http', 'undici']);
    const some = selectInstrumentations({}, {}, (m) => m === 'pg-pool' || m === '@redis/client');
    expect(some.load).toEqual(['http', 'pg', 'redis', 'undici']);
    expect(some.notInstalled).toContain('mongodb');
  });

  it('OTEL_NODE_ENABLED_INSTRUMENTATIONS keeps only its list, and loads it even if not found', () => {
    const env = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: ' http, fs ,mongodb' };
    expect(selectInstrumentations(env, {}, nothingInstalled).load).toEqual([
      'fs',
      'http',
      'mongodb',
    ]);
  });

  it('OTEL_NODE_DISABLED_INSTRUMENTATIONS removes; code wins over both', () => {
    const env = {
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,pg,express',
      OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg',
    };
    expect(selectInstrumentations(env, {}, everythingInstalled).load).toEqual(['express', 'http']);
    expect(
      selectInstrumentations(
        env,
        { pg: { enabled: true }, express: { enabled: false } },
        nothingInstalled,
      ).load,
    ).toEqual(['http', 'pg']);
    expect(
      selectInstrumentations(
        { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'http' },
        { dns: { enabled: true } },
        nothingInstalled,
      ).load,
    ).toEqual(['dns', 'undici']);
  });

  it('router is left out when express loads (Express 5 is built on it), unless named', () => {
    expect(selectInstrumentations({}, {}, everythingInstalled).load).not.toContain('router');
    expect(selectInstrumentations({}, {}, (m) => m === 'router').load).toContain('router');
    expect(
      selectInstrumentations(
        { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express,router' },
        {},
        everythingInstalled,
      ).load,
    ).toEqual(['express', 'http', 'router']);
  });

  it('aws-lambda loads only inside Lambda', () => {
    expect(selectInstrumentations({}, {}, everythingInstalled).load).not.toContain('aws-lambda');
    expect(
      selectInstrumentations({ AWS_LAMBDA_FUNCTION_NAME: 'f' }, {}, everythingInstalled).load,
    ).toContain('aws-lambda');
  });

  it.each([
    [
      { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,postgres' },
      {},
      /"postgres" in OTEL_NODE_ENABLED_INSTRUMENTATIONS/,
    ],
    [
      { OTEL_NODE_DISABLED_INSTRUMENTATIONS: '@opentelemetry/instrumentation-fs' },
      {},
      /OTEL_NODE_DISABLED_INSTRUMENTATIONS/,
    ],
    [{}, { fastify: { enabled: true } }, /"fastify" in the instrumentationConfig option/],
  ])('throws naming the culprit: %o %o', (env, overrides, message) => {
    expect(() => selectInstrumentations(env, overrides, nothingInstalled)).toThrow(message);
  });
});
