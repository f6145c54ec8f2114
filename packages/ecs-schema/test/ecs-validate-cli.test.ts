import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcher = path.join(packageDir, 'bin', 'ecs-validate.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'ecs-validate-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a real child process, optionally feeding stdin. */
function run(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function good(i: number): string {
  return JSON.stringify({
    '@timestamp': new Date(Date.UTC(2026, 10, 23, 10, 0, 0, i % 1000)).toISOString(),
    'log.level': i % 2 ? 'info' : 'debug',
    message: `request ${i} completed`,
    'ecs.version': '9.4.0',
    'service.name': 'checkout',
    'trace.id': i.toString(16).padStart(32, '0'),
    'span.id': i.toString(16).padStart(16, '0'),
    http: { request: { method: 'GET' }, response: { status_code: 200 } },
    'url.path': `/orders/${i}`,
    'event.duration': i * 1000,
  });
}

const LINES = 100_000;
let bigFile = '';

beforeAll(() => {
  if (!existsSync(path.join(packageDir, 'dist', 'cli', 'ecs-validate.js'))) {
    throw new Error('dist/cli/ecs-validate.js is missing: run `pnpm build` first');
  }
  // Every 1000th line has a string status code (error), every 10 000th is cut short (invalid
  // JSON), every 100th carries a custom field (warning), and blank lines are sprinkled in.
  const out: string[] = [];
  for (let i = 1; i <= LINES; i++) {
    if (i % 10_000 === 0) out.push(good(i).slice(0, 40));
    else if (i % 1000 === 0) out.push(good(i).replace('"status_code":200', '"status_code":"200"'));
    else if (i % 100 === 0)
      out.push(good(i).replace('"ecs.version"', '"order.id":7,"ecs.version"'));
    else out.push(good(i));
    if (i % 25_000 === 0) out.push('');
  }
  bigFile = path.join(dir, 'big.ndjson');
  writeFileSync(bigFile, `${out.join('\n')}\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ecs-validate CLI', () => {
  it('summarizes a 100k-line file with --json and exits 1 on errors', async () => {
    const started = performance.now();
    const result = await run([bigFile, '--json']);
    const wallMs = Math.round(performance.now() - started);
    const summary = JSON.parse(result.stdout);
    console.log(`ecs-validate: ${LINES} lines in ${wallMs} ms wall (${summary.ms} ms validating)`);
    expect(result.code).toBe(1);
    expect(summary.records).toBe(LINES);
    // 10 invalid JSON + 90 type mismatches (multiples of 1000 but not of 10 000)
    expect(summary.valid).toBe(LINES - 100);
    const byCode = Object.fromEntries(summary.problems.map((p: { code: string }) => [p.code, p]));
    expect(byCode['invalid-json']).toMatchObject({
      count: 10,
      firstLine: 10_000,
      severity: 'error',
    });
    expect(byCode['type-mismatch']).toMatchObject({
      count: 90,
      firstLine: 1000,
      example: { field: 'http.response.status_code' },
    });
    // multiples of 100 that are not multiples of 1000
    expect(byCode['custom-field']).toMatchObject({
      count: 900,
      firstLine: 100,
      severity: 'warning',
    });
    expect(Object.keys(byCode).sort()).toEqual(['custom-field', 'invalid-json', 'type-mismatch']);
  });

  it('reads stdin, prints a readable summary, exits 0 when only warnings', async () => {
    const input = `${good(1)}\n\n${good(2).replace('"ecs.version"', '"order":{"id":1},"ecs.version"')}\n`;
    const result = await run([], input);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2 records, 2 valid, 0 with errors; 0 errors, 1 warnings/);
    expect(result.stdout).toMatch(
      /warning custom-field +1 +first at line 3: order is not an ECS field/,
    );
  });

  it('reports line numbers of non-JSON lines and counts them as records', async () => {
    const result = await run(['--json'], `${good(1)}\nhello\n${good(3)}\n`);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ records: 3, valid: 2, errors: 1 });
    expect(summary.problems[0]).toMatchObject({ code: 'invalid-json', firstLine: 2 });
  });

  it('exits 2 on a missing file or bad arguments', async () => {
    const missing = await run([path.join(dir, 'nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/ENOENT/);
    const bad = await run(['--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: ecs-validate/);
  });
});
