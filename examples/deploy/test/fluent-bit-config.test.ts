import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFluentBitConfig, plugin, setting } from './fluent-bit-config.js';
import { baseDir, fluentBitConf, luaFilter } from './paths.js';

// Fast checks of the settings our output depends on (docs/deploy.md explains each one); the
// proof that they work is test/real/, which runs this config in the real Fluent Bit.
const sections = parseFluentBitConfig(readFileSync(fluentBitConf, 'utf8'));
const daemonSet = parse(readFileSync(join(baseDir, 'daemonset.yaml'), 'utf8'));
const container = daemonSet.spec.template.spec.containers[0];
const env = new Map<string, string | undefined>(
  container.env.map((e: { name: string; value?: string }) => [e.name, e.value]),
);
const mounts: { mountPath: string }[] = container.volumeMounts;

describe('fluent-bit.conf', () => {
  it('tails the container logs with the CRI multiline parser and a filesystem buffer', () => {
    const tail = plugin(sections, 'INPUT', 'tail');
    expect(setting(tail, 'Path')).toBe('/var/log/containers/*.log');
    expect(setting(tail, 'multiline.parser')).toBe('cri');
    expect(setting(tail, 'storage.type')).toBe('filesystem');
    expect(setting(tail, 'Exclude_Path')).toContain('istio-proxy');
  });

  it('merges our JSON at the top level and drops the raw line', () => {
    const k8s = plugin(sections, 'FILTER', 'kubernetes');
    expect(setting(k8s, 'Merge_Log')).toBe('On');
    expect(setting(k8s, 'Merge_Log_Key')).toBeUndefined();
    expect(setting(k8s, 'Keep_Log')).toBe('Off');
    expect(setting(k8s, 'Labels')).toBe('On');
  });

  it('runs the Lua ECS mapping after the kubernetes filter, from the mounted config map', () => {
    const names = sections.map((s) => setting(s, 'Name'));
    expect(names.indexOf('lua')).toBeGreaterThan(names.indexOf('kubernetes'));
    const lua = plugin(sections, 'FILTER', 'lua');
    const script = setting(lua, 'script')!;
    expect(mounts.some((m) => script.startsWith(m.mountPath))).toBe(true);
    expect(script.endsWith('/ecs-kubernetes.lua')).toBe(true);
    const source = readFileSync(luaFilter, 'utf8');
    expect(source).toMatch(new RegExp(`^function ${setting(lua, 'call')}\\(`, 'm'));
  });

  it('has no grep rule on a dotted key (grep reads `url.path` as key `url`, so it never matched)', () => {
    // Probe lines are dropped by the Lua filter, which reads dotted keys (see the Lua tests and
    // the real-collector tests).
    expect(sections.filter((s) => setting(s, 'Name') === 'grep')).toEqual([]);
  });

  it('keeps the offsets DB in the hostPath directory itself (nothing creates a subdirectory)', () => {
    const db = setting(plugin(sections, 'INPUT', 'tail'), 'DB')!;
    const state = daemonSet.spec.template.spec.volumes.find(
      (v: { name: string }) => v.name === 'state',
    );
    expect(state.hostPath.type).toBe('DirectoryOrCreate');
    expect(db.slice(0, db.lastIndexOf('/'))).toBe(state.hostPath.path);
  });

  it('sends to an Elasticsearch data stream without a second @timestamp', () => {
    const es = plugin(sections, 'OUTPUT', 'es');
    expect(setting(es, 'Suppress_Type_Name')).toBe('On');
    expect(setting(es, 'Write_Operation')).toBe('create');
    expect(setting(es, 'Replace_Dots')).toBe('Off');
    expect(setting(es, 'Time_Key')).not.toBe('@timestamp');
    expect(setting(es, 'Time_Key')).toBeDefined();
    expect(env.get('ELASTICSEARCH_DATA_STREAM')).toMatch(/^logs-[a-z0-9_]+-[a-z0-9_]+$/);
    expect(setting(es, 'Index')).toBe('$' + '{ELASTICSEARCH_DATA_STREAM}');
  });

  it("takes the _id from the line id the Lua filter makes from tail's file and offset", () => {
    const es = plugin(sections, 'OUTPUT', 'es');
    const tail = plugin(sections, 'INPUT', 'tail');
    expect(setting(es, 'Id_Key')).toBe('ecotrace.line_id');
    expect(setting(tail, 'Path_Key')).toBe('log.file.path');
    expect(setting(tail, 'Offset_Key')).toBe('event.sequence');
    expect(setting(tail, 'Read_from_Head')).toBe('On');
  });

  it('bounds the disk buffer and the retries', () => {
    const es = plugin(sections, 'OUTPUT', 'es');
    expect(setting(es, 'storage.total_limit_size')).toMatch(/^\d+[KMG]$/);
    expect(Number(setting(es, 'Retry_Limit'))).toBeGreaterThan(0);
    const service = sections.find((s) => s.name === 'SERVICE')!;
    const storage = setting(service, 'storage.path')!;
    const db = setting(plugin(sections, 'INPUT', 'tail'), 'DB')!;
    // Both must live on the hostPath volume, or a pod restart loses offsets and buffered chunks.
    for (const path of [storage, db]) {
      expect(
        mounts.some((m) => m.mountPath === '/var/fluent-bit' && path.startsWith(m.mountPath)),
      ).toBe(true);
    }
  });

  it('takes every $-brace variable from the DaemonSet environment', () => {
    const text = readFileSync(fluentBitConf, 'utf8');
    const used = new Set([...text.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(env.has(name), name).toBe(true);
  });
});
