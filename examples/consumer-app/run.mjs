#!/usr/bin/env node
// Installs the @ecotrace packages into an app the way a user would before they are published:
// `pnpm pack` each package, then plain `npm install` of the tarballs in a folder outside the
// repository (no workspace links, no hoisted workspace node_modules above it). Then it runs a
// real Express and Fastify server on 127.0.0.1, as ESM and as CommonJS, with and without the
// tracing preload, sends B3 headers and checks the log lines; and it typechecks a TypeScript
// consumer under "commonjs" (node10), "nodenext" and "bundler" resolution. A file missing from
// a package's `files`, a dependency that only the workspace hoisting provided, or a subpath a
// resolution mode cannot see fails here.
//
// Needs the packages built (`pnpm run build`) and the npm registry for express, fastify, pino
// and the OpenTelemetry SDK. KEEP=1 keeps the temporary folder. Exit code 0 = every check passed.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const started = Date.now();
const failures = [];
const say = (text) => process.stdout.write(`${text}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function check(ok, label, detail = '') {
  say(`${ok ? 'PASS' : 'FAIL'} ${label}${detail ? `: ${detail}` : ''}`);
  if (!ok) failures.push(label);
}

/** The pnpm the repository pins, from PATH when it matches, else through npx. */
function pnpm() {
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split(
    '@',
  )[1];
  try {
    if (execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim() === pinned)
      return ['pnpm'];
  } catch {}
  return ['npx', '--yes', `pnpm@${pinned}`];
}

/**
 * Bytes, file count, unpacked bytes and the text of the code files of a .tgz, read with a
 * minimal tar walk (npm and pnpm write plain ustar entries named `package/…`).
 */
function readTarball(file) {
  const packed = readFileSync(file);
  const tar = gunzipSync(packed);
  let files = 0;
  let unpacked = 0;
  /** @type {Map<string, string>} */
  const code = new Map();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').trim() || '0', 8);
    if (header[156] === 48 || header[156] === 0) {
      files++;
      unpacked += size;
      if (/\.(c?js|d\.c?ts)$/.test(name)) {
        code.set(name, tar.subarray(at + 512, at + 512 + size).toString('utf8'));
      }
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return { packed: packed.length, files, unpacked, code };
}

/**
 * Code-split chunks no other file of the package imports: left in dist/ by an older build (a
 * build turbo answers from its cache adds files to dist/ without removing any).
 * @param {Map<string, string>} code
 */
function strayChunks(code) {
  const chunk = /(^|\/)(chunk-[A-Za-z0-9]+\.c?js|[A-Za-z0-9_.-]+-[A-Za-z0-9_-]{8}\.d\.c?ts)$/;
  return [...code.keys()].filter((name) => {
    if (!chunk.test(name)) return false;
    const base = name.slice(name.lastIndexOf('/') + 1).replace(/\.(c?js|d\.c?ts)$/, '');
    return ![...code].some(([other, text]) => other !== name && text.includes(base));
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

// 1. Pack every public package of the workspace.
const work = mkdtempSync(join(tmpdir(), 'ecotrace-consumer-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
mkdirSync(tarballs);
say(`[consumer-app] working in ${work} (outside the repository)`);
const [pnpmCmd, ...pnpmPrefix] = pnpm();
const packed = {};
/** Package name → its export subpaths ('.', './express', …). */
const subpaths = {};
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  const manifestPath = join(pkgDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private) continue;
  if (!existsSync(join(pkgDir, 'dist'))) {
    say(`${manifest.name} has no dist/: run \`pnpm run build\` first`);
    process.exit(1);
  }
  execFileSync(pnpmCmd, [...pnpmPrefix, 'pack', '--pack-destination', tarballs], {
    cwd: pkgDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const file = readdirSync(tarballs).find(
    (f) =>
      f.startsWith(`${manifest.name.replace('@', '').replace('/', '-')}-`) && f.endsWith('.tgz'),
  );
  packed[manifest.name] = file;
  subpaths[manifest.name] = Object.keys(manifest.exports ?? { '.': null }).filter(
    (k) => k !== './package.json',
  );
  const size = readTarball(join(tarballs, file));
  say(
    `packed ${file}: ${kb(size.packed)} tarball, ${size.files} files, ${kb(size.unpacked)} unpacked`,
  );
  const stray = strayChunks(size.code);
  check(
    stray.length === 0,
    `${manifest.name} ships only what its build made`,
    stray.length === 0
      ? 'every code-split chunk is imported by another file'
      : `chunks nothing imports (a stale dist/: run \`pnpm run build --force\`): ${stray.join(', ')}`,
  );
}

// 2. The app: this folder's sources plus the tarballs as file: dependencies.
mkdirSync(app);
for (const entry of [
  'app',
  'types',
  'tsconfig.commonjs.json',
  'tsconfig.nodenext.json',
  'tsconfig.bundler.json',
]) {
  cpSync(join(here, entry), join(app, entry), { recursive: true });
}
const appManifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
for (const [name, file] of Object.entries(packed)) {
  appManifest.dependencies[name] = `file:../tarballs/${file}`;
}
writeFileSync(join(app, 'package.json'), `${JSON.stringify(appManifest, null, 2)}\n`);

say(
  `[consumer-app] npm install (plain npm ${execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()}) … ${elapsed()}`,
);
execFileSync(
  'npm',
  ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
  {
    cwd: app,
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
say(`[consumer-app] installed … ${elapsed()}`);
for (const name of Object.keys(packed)) {
  const installed = join(app, 'node_modules', name);
  check(
    existsSync(installed) && realpathSync(installed).startsWith(realpathSync(app)),
    `${name} installed from its tarball`,
    'a real folder in the app, not a link into the repository',
  );
}

// Every export of every package loads with require() and with import() (the register entry
// starts tracing, so the preload runs below cover it instead).
for (const [name, subs] of Object.entries(subpaths)) {
  const specifiers = subs
    .filter((sub) => sub !== './register')
    .map((sub) => (sub === '.' ? name : `${name}/${sub.slice(2)}`));
  const cjs = `for (const s of ${JSON.stringify(specifiers)}) require(s);`;
  const esm = `for (const s of ${JSON.stringify(specifiers)}) await import(s);`;
  try {
    execFileSync(process.execPath, ['-e', cjs], { cwd: app, stdio: 'pipe' });
    execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: app, stdio: 'pipe' });
    check(true, `${name} loads`, `${specifiers.join(', ')} with require() and import()`);
  } catch (error) {
    check(false, `${name} loads`, String(error.stderr ?? error));
  }
}

// 3. Real servers, real HTTP, the log lines checked.
const requireFromApp = createRequire(join(app, 'package.json'));
const { validateLine } = requireFromApp('@ecotrace/ecs-schema');
const TRACE = '463ac35c9f6413ad48485a3953bb6124';
const SPAN = 'a2fb4a1d1a96d312';
const REQUEST_ID = 'consumer-app-req-1';

/** A minimal OTLP/HTTP JSON receiver on 127.0.0.1: the spans the traced runs export. */
function startReceiver() {
  const spans = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        for (const rs of JSON.parse(body).resourceSpans ?? []) {
          for (const ss of rs.scopeSpans ?? []) {
            for (const span of ss.spans ?? []) spans.push({ ...span, scope: ss.scope?.name });
          }
        }
      } catch {}
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, spans, port: server.address().port })),
  );
}
const receiver = await startReceiver();

function get(port, path, headers) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

async function runServer({ framework, file, preload }) {
  const label = `${framework} ${file.endsWith('.cjs') ? 'CJS' : 'ESM'}${preload ? ` ${preload.join(' ')}` : ' (logger only)'}`;
  const child = spawn(process.execPath, [...(preload ?? []), join('app', file)], {
    cwd: app,
    env: {
      ...process.env,
      FRAMEWORK: framework,
      LOG_LEVEL: 'info',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "listening" within 60 s; stderr: ${stderr}`)),
        60_000,
      );
      child.stderr.on('data', (c) => {
        stderr += c;
        const m = /listening (\d+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      exited.then(({ code }) =>
        reject(new Error(`exited ${code} before listening; stderr: ${stderr}`)),
      );
    });
    const res = await get(port, '/orders/7', {
      'x-b3-traceid': TRACE,
      'x-b3-spanid': SPAN,
      'x-b3-sampled': '1',
      'x-request-id': REQUEST_ID,
    });
    // The access line is written when the response finishes: wait for it (at most 15 s: CI machines can be busy).
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !stdout.includes('"http.response.status_code"')) {
      await new Promise((r) => setTimeout(r, 25));
    }
    // The request's latency bucket carries an exemplar with the ids its lines carry.
    const scrape = await get(port, '/metrics', {
      accept: 'application/openmetrics-text; version=1.0.0',
    });
    const exemplar =
      /^http_server_request_duration_seconds_bucket\{[^}]*http_route="\/orders\/:id"[^}]*\} \S+ # \{trace_id="([0-9a-f]+)",span_id="([0-9a-f]+)"\}/m.exec(
        scrape.body,
      );
    const lines = stdout.split('\n').filter(Boolean);
    const records = lines.map((l) => JSON.parse(l));
    const errors = lines.flatMap((l) => validateLine(l).filter((p) => p.severity === 'error'));
    const handler = records.find((r) => r.message === 'order loaded');
    const access = records.find((r) => r['http.response.status_code'] !== undefined);
    const problems = [];
    if (res.status !== 200) problems.push(`status ${res.status}`);
    if (res.headers['x-request-id'] !== REQUEST_ID)
      problems.push(`x-request-id echo ${res.headers['x-request-id']}`);
    if (errors.length > 0) problems.push(`ECS errors: ${JSON.stringify(errors)}`);
    if (!handler) problems.push('no "order loaded" line');
    if (!access) problems.push('no access line');
    if (!exemplar) {
      problems.push(`no exemplar on /orders/:id in /metrics (status ${scrape.status})`);
    } else if (access) {
      // The span the request's lines name as the entry: the server span with tracing, the
      // sidecar's span without.
      const entry = preload ? access['transaction.id'] : SPAN;
      if (exemplar[1] !== TRACE || exemplar[2] !== entry) {
        problems.push(
          `exemplar trace_id ${exemplar[1]} span_id ${exemplar[2]}, lines say ${entry}`,
        );
      }
    }
    for (const [name, r] of [
      ['handler', handler],
      ['access', access],
    ]) {
      if (!r) continue;
      if (r['trace.id'] !== TRACE) problems.push(`${name} trace.id ${r['trace.id']}`);
      // With tracing the line carries the app's own server span (a child of the sidecar's
      // x-b3-spanid); without it, the sidecar's span itself.
      const spanOk = preload
        ? /^[0-9a-f]{16}$/.test(r['span.id']) && r['span.id'] !== SPAN
        : r['span.id'] === SPAN;
      if (preload && r['transaction.id'] === SPAN)
        problems.push(`${name} transaction.id is the sidecar's`);
      if (!spanOk) problems.push(`${name} span.id ${r['span.id']}`);
      if (r['service.name'] !== `consumer-${file.endsWith('.cjs') ? 'cjs' : 'esm'}`)
        problems.push(`${name} service.name ${r['service.name']}`);
    }
    // SIGTERM: the logger flushes, the tracing register entry flushes the spans and exits.
    child.kill('SIGTERM');
    const exit = await exited;
    if (preload && access) {
      // The span the access line names was exported, as the server span whose parent is the
      // sidecar's x-b3-spanid, in the trace the headers carried.
      const span = receiver.spans.find((s) => s.spanId === access['span.id']);
      if (!span)
        problems.push(
          `span ${access['span.id']} not exported (${receiver.spans.length} spans received)`,
        );
      else if (span.traceId !== TRACE || span.parentSpanId !== SPAN || span.kind !== 2) {
        problems.push(
          `exported span ${JSON.stringify({ traceId: span.traceId, parentSpanId: span.parentSpanId, kind: span.kind })}`,
        );
      }
      // Express is loaded through the ESM loader (import()): its spans under this request's
      // server span prove the loader hook is in place (in-code start registers it itself).
      const expressSpans = receiver.spans.filter(
        (s) =>
          s.scope === '@opentelemetry/instrumentation-express' &&
          s.parentSpanId === access['span.id'],
      );
      if (framework === 'express' && expressSpans.length === 0)
        problems.push(
          'no Express span under the server span: Express not instrumented (under ESM: no loader hook)',
        );
    }
    if (exit.code !== 0 && exit.code !== 143 && exit.signal !== 'SIGTERM') {
      problems.push(`exit ${exit.code ?? exit.signal} after SIGTERM`);
    }
    check(
      problems.length === 0,
      label,
      problems.length === 0
        ? `${lines.length} lines, 0 ECS errors, trace.id ${TRACE}, span.id ${handler['span.id']}` +
            (preload
              ? ` (the app's span; server span ${access['span.id']} exported with parent ${SPAN})`
              : ` (the sidecar's ${SPAN})`) +
            `, http.request.id ${access['http.request.id']}, /metrics exemplar ${exemplar[2]}`
        : problems.join('; '),
    );
    if (problems.length > 0) say(`  stdout:\n${stdout}\n  stderr:\n${stderr}`);
  } catch (error) {
    check(false, label, String(error));
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

for (const framework of ['express', 'fastify']) {
  await runServer({ framework, file: 'server.mjs' });
  await runServer({
    framework,
    file: 'server.mjs',
    preload: ['--import', '@ecotrace/tracing/register'],
  });
  // startTracing() in code, preloaded (the tracing README's "Starting in code").
  await runServer({ framework, file: 'server.mjs', preload: ['--import', './app/tracing.mjs'] });
  await runServer({ framework, file: 'server.cjs' });
  await runServer({
    framework,
    file: 'server.cjs',
    preload: ['--require', '@ecotrace/tracing/register'],
  });
}

// 4. TypeScript: the same consumer under the three module resolutions, plus every export
// subpath of every package (generated here, so a new package or subpath is covered).
const specifierList = Object.entries(subpaths).flatMap(([name, subs]) =>
  subs.map((sub) => (sub === '.' ? name : `${name}/${sub.slice(2)}`)),
);
const subpathSource = `${specifierList
  .map((s, i) => `import * as m${i} from '${s}';`)
  .join('\n')}\nexport const modules = [${specifierList.map((_, i) => `m${i}`).join(', ')}];\n`;
writeFileSync(join(app, 'types', 'subpaths.ts'), subpathSource);
writeFileSync(join(app, 'types', 'subpaths.mts'), subpathSource);
const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
for (const mode of ['commonjs', 'nodenext', 'bundler']) {
  try {
    execFileSync(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`], {
      cwd: app,
      encoding: 'utf8',
    });
    check(
      true,
      `TypeScript "${mode}"`,
      `types/consumer.ts typechecks (req.log included); ${specifierList.length} export paths resolve`,
    );
  } catch (error) {
    check(false, `TypeScript "${mode}"`, `${error.stdout ?? ''}${error.stderr ?? ''}`.trim());
  }
}

receiver.server.close();
if (process.env.KEEP !== '1') rmSync(work, { recursive: true, force: true });
say(
  failures.length === 0
    ? `[consumer-app] PASS: every check passed in ${elapsed()}`
    : `[consumer-app] FAIL: ${failures.length} check(s) failed (${failures.join(', ')}) in ${elapsed()}`,
);
process.exit(failures.length === 0 ? 0 : 1);
