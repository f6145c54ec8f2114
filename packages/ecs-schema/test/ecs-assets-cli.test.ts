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
