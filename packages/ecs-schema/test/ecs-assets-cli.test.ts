import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcher = path.join(packageDir, 'bin', 'ecs-assets.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'ecs-assets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (out: string, name: string) => readFileSync(path.join(out, name), 'utf8');

describe('ecs-assets CLI', () => {
  it('writes the template, ILM policy and data view with the given options', async () => {
    const out = path.join(dir, 'a');
    const { stdout } = await run(process.execPath, [
      launcher,
      '--out',
      out,
      '--retention',
      '14d',
      '--jaeger-url',
      'https://jaeger.internal/trace/{{value}}',
    ]);
    expect(stdout).toContain('_index_template/ecotrace-logs');
    const template = JSON.parse(read(out, 'index-template.json'));
    expect(template.data_stream).toEqual({});
    expect(template.template.mappings.properties.trace.properties.id).toEqual({
      type: 'keyword',
      ignore_above: 1024,
    });
    const ilm = JSON.parse(read(out, 'ilm-policy.json'));
    expect(ilm.policy.phases.delete.min_age).toBe('14d');
    expect(ilm.policy.phases.hot.actions.rollover).toBeDefined();
    const lines = read(out, 'kibana-data-view.ndjson').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const view = JSON.parse(lines[0]!);
    expect(JSON.parse(view.attributes.fieldFormatMap)['trace.id'].params.urlTemplate).toBe(
      'https://jaeger.internal/trace/{{value}}',
    );
  });

  it('drops the data stream and rollover with --no-data-stream', async () => {
    const out = path.join(dir, 'b');
    await run(process.execPath, [launcher, '--out', out, '--no-data-stream']);
    expect(JSON.parse(read(out, 'index-template.json')).data_stream).toBeUndefined();
    expect(JSON.parse(read(out, 'ilm-policy.json')).policy.phases.hot.actions).toEqual({});
  });

  it('covers only our data stream by default, and says which one to write', async () => {
    const out = path.join(dir, 'd');
    const { stdout } = await run(process.execPath, [launcher, '--out', out]);
    const template = JSON.parse(read(out, 'index-template.json'));
    expect(template.index_patterns).toEqual(['logs-ecotrace-*']);
    expect(template.priority).toBe(200);
    const view = JSON.parse(read(out, 'kibana-data-view.ndjson'));
    expect(view.attributes.title).toBe('logs-ecotrace-*');
    expect(stdout).toContain('ELASTICSEARCH_DATA_STREAM=logs-ecotrace-default');
  });

  it('takes the data stream name, index patterns and priority as flags', async () => {
    const out = path.join(dir, 'e');
    const { stdout } = await run(process.execPath, [
      launcher,
      '--out',
      out,
      '--data-stream',
      'logs-orders-prod',
      '--priority',
      '250',
    ]);
    const template = JSON.parse(read(out, 'index-template.json'));
    expect(template.index_patterns).toEqual(['logs-orders-*']);
    expect(template.priority).toBe(250);
    expect(stdout).toContain('ELASTICSEARCH_DATA_STREAM=logs-orders-prod');
    const out2 = path.join(dir, 'f');
    await run(process.execPath, [
      launcher,
      '--out',
      out2,
      '--index-pattern',
      'logs-ecotrace-*',
      '--index-pattern',
      'logs-legacy-*',
    ]);
    expect(JSON.parse(read(out2, 'index-template.json')).index_patterns).toEqual([
      'logs-ecotrace-*',
      'logs-legacy-*',
    ]);
    expect(JSON.parse(read(out2, 'kibana-data-view.ndjson')).attributes.title).toBe(
      'logs-ecotrace-*,logs-legacy-*',
    );
  });

  it('refuses a pattern that misses the data stream, a bad name or priority', async () => {
    const out = path.join(dir, 'g');
    await expect(
      run(process.execPath, [launcher, '--out', out, '--index-pattern', 'logs-other-*']),
    ).rejects.toMatchObject({
      code: 2,
      stderr: /does not match the data stream logs-ecotrace-default/,
    });
    await expect(
      run(process.execPath, [launcher, '--out', out, '--data-stream', 'Logs Orders']),
    ).rejects.toMatchObject({ code: 2, stderr: /--data-stream must be a data stream name/ });
    await expect(
      run(process.execPath, [launcher, '--out', out, '--priority', 'high']),
    ).rejects.toMatchObject({ code: 2, stderr: /--priority must be an integer/ });
  });

  it('exits 2 with a message on missing --out or a bad option value', async () => {
    await expect(run(process.execPath, [launcher])).rejects.toMatchObject({
      code: 2,
      stderr: /--out is required/,
    });
    await expect(
      run(process.execPath, [launcher, '--out', path.join(dir, 'c'), '--retention', 'a week']),
    ).rejects.toMatchObject({ code: 2, stderr: /deleteAfter must be an Elasticsearch duration/ });
  });
});
