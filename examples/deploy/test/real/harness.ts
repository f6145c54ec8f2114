// The real Fluent Bit, run on the shipped config: only paths and hosts are changed (see
// `testConfig`), the Kubernetes API and Elasticsearch's `_bulk` are small fakes on 127.0.0.1,
// and pod log files are written the way containerd writes them (CRI, P/F split at 16 KiB).

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { baseDir, deployDir, fluentBitConf } from '../paths.js';

const repoRoot = join(deployDir, '..', '..');

/** `FLUENT_BIT`, else the binary in ../shared/tools/fluent-bit next to the repository. */
export const fluentBitPath =
  process.env.FLUENT_BIT ?? join(repoRoot, '..', 'shared', 'tools', 'fluent-bit', 'fluent-bit');

/** Why the real-collector tests cannot run here, or undefined when they can. */
export function fluentBitSkipReason(): string | undefined {
  if (!existsSync(fluentBitPath)) {
    return `no Fluent Bit binary at ${fluentBitPath} (set FLUENT_BIT to one): the real-collector tests are skipped`;
  }
  try {
    fluentBitVersion();
    return undefined;
  } catch (err) {
    return (
      `${fluentBitPath} does not run (${String(err).split('\n')[0]}); its runtime libraries are ` +
      'installed by scripts/ci-system-deps.sh: the real-collector tests are skipped'
    );
  }
}

/** "5.1.1" from `fluent-bit --version`. */
export function fluentBitVersion(): string {
  const out = execFileSync(fluentBitPath, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const version = /Fluent Bit v(\d+\.\d+\.\d+)/.exec(out)?.[1];
  if (!version) throw new Error(`unexpected --version output: ${out}`);
  return version;
}

/** The DaemonSet's container environment, as shipped (values only, secrets left out). */
export function daemonSetEnv(): Record<string, string> {
  const ds = parse(readFileSync(join(baseDir, 'daemonset.yaml'), 'utf8'));
  const env: Record<string, string> = {};
  for (const e of ds.spec.template.spec.containers[0].env as { name: string; value?: string }[]) {
    if (e.value !== undefined) env[e.name] = e.value;
  }
  return env;
}

export const shippedDir = join(baseDir, 'fluent-bit');

/**
 * The shipped fluent-bit.conf with only paths and hosts changed: the node's /var/log/containers
 * and the /var/fluent-bit hostPath become directories under `root`, the ConfigMap mount
 * /fluent-bit/etc/ becomes the shipped folder itself, the monitoring port a free one on
 * 127.0.0.1, and the kubernetes filter is pointed at the fake API (its Kube_URL and token file
 * default to the in-cluster ones, which the shipped file does not set).
 */
export function testConfig(
  text: string,
  paths: { containers: string; state: string; httpPort: number; kubeUrl: string; token: string },
): string {
  // The tail tag is the file path with "/" as "."; Kube_Tag_Prefix holds that form of the path.
  const tagPath = paths.containers.replace(/^\//, '').replaceAll('/', '.');
  let out = text
    .replaceAll('kube.var.log.containers.', `kube.${tagPath}.`)
    .replaceAll('/var/log/containers', paths.containers)
    .replaceAll('/var/fluent-bit', paths.state)
    .replaceAll('/fluent-bit/etc/', `${shippedDir}/`)
    .replace(/^(\s*HTTP_Listen\s+)\S+$/m, '$1127.0.0.1')
    .replace(/^(\s*HTTP_Port\s+)\S+$/m, `$1${paths.httpPort}`);
  out = out.replace(
    /^(\s*)Name(\s+)kubernetes$/m,
    (line, indent: string) =>
      `${line}\n${indent}Kube_URL ${paths.kubeUrl}\n${indent}Kube_Token_File ${paths.token}`,
  );
  const leftovers = out.match(/\/var\/[\w/.-]+|var\.log\.containers|\/fluent-bit\/etc/g);
  if (leftovers) throw new Error(`unsubstituted node paths in the test config: ${leftovers}`);
  return out;
}

export interface PodSpec {
  namespace: string;
  name: string;
  container: string;
  uid: string;
  containerId: string;
  image: string;
  labels: Record<string, string>;
}

export function newPod(name: string, overrides: Partial<PodSpec> = {}): PodSpec {
  return {
    namespace: 'shop',
    name,
    container: 'orders',
    uid: randomUUID(),
    containerId: randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', ''),
    image: 'registry.local:5000/shop/orders:1.4.2',
    labels: { app: 'orders', 'app.kubernetes.io/name': 'orders', 'pod-template-hash': '7d9f8c' },
    ...overrides,
  };
}

/** A fake Kubernetes API serving the Pod objects the kubernetes filter asks for. */
export async function startFakeKube(pods: () => PodSpec[]) {
  const server = createServer((req, res) => {
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/?]+)/.exec(req.url ?? '');
    const pod = m && pods().find((p) => p.namespace === m[1] && p.name === m[2]);
    if (!pod) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 404 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: {
          name: pod.name,
          namespace: pod.namespace,
          uid: pod.uid,
          labels: pod.labels,
          annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' },
        },
        spec: { nodeName: 'node-a', containers: [{ name: pod.container, image: pod.image }] },
        status: {
          containerStatuses: [
            {
              name: pod.container,
              image: pod.image,
              imageID: `${pod.image}@sha256:${'ab'.repeat(32)}`,
              containerID: `containerd://${pod.containerId}`,
            },
          ],
        },
      }),
    );
  });
  await listen(server);
  return { url: `http://127.0.0.1:${port(server)}`, close: () => close(server) };
}

export interface BulkItem {
  /** `create`, `index`, ... */
  op: string;
  id: string | undefined;
  index: string | undefined;
  doc: Record<string, unknown>;
  /** The raw JSON text of the document, as Fluent Bit sent it. */
  raw: string;
  receivedAt: number;
  /** Which `_bulk` request (0, 1, ...) carried it. */
  bulk: number;
  /** Status this fake answered. */
  status: number;
}

/**
 * `itemStatus` decides each item's answer (default: 201, or 409 for an id already created, as
 * a data stream does); `requestStatus` may fail the whole request (e.g. 503).
 */
export interface BulkBehaviour {
  itemStatus?: (item: BulkItem, indexInBulk: number, bulkNumber: number) => number | undefined;
  requestStatus?: (bulkNumber: number) => number | undefined;
  /**
   * Answer status after the items were processed and stored (a 5xx here: Elasticsearch indexed
   * the bulk but the answer was lost, as after a timeout).
   */
  answerStatus?: (bulkNumber: number) => number | undefined;
}

/** A fake Elasticsearch `_bulk` endpoint that records what it receives. */
export async function startFakeBulk(behaviour: BulkBehaviour = {}) {
  const items: BulkItem[] = [];
  const created = new Map<string, BulkItem>();
  let bulks = 0;
  const handler = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    if (req.method === 'GET' && !req.url?.startsWith('/_bulk')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: { number: '9.1.0' }, tagline: 'You Know, for Search' }));
      return;
    }
    if (!req.url?.startsWith('/_bulk')) {
      res.writeHead(404).end();
      return;
    }
    const bulkNumber = bulks++;
    const requestStatus = behaviour.requestStatus?.(bulkNumber);
    if (requestStatus) {
      res.writeHead(requestStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'unavailable' }, status: requestStatus }));
      return;
    }
    const receivedAt = Date.now();
    const lines = body.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    const answers: unknown[] = [];
    let errors = false;
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const action = JSON.parse(lines[i]!) as Record<string, { _id?: string; _index?: string }>;
      const op = Object.keys(action)[0]!;
      const meta = action[op]!;
      const item: BulkItem = {
        op,
        id: meta._id,
        index: meta._index,
        doc: JSON.parse(lines[i + 1]!),
        raw: lines[i + 1]!,
        receivedAt,
        bulk: bulkNumber,
        status: 0,
      };
      let status = behaviour.itemStatus?.(item, i / 2, bulkNumber);
      if (status === undefined) {
        status = op === 'create' && item.id !== undefined && created.has(item.id) ? 409 : 201;
      }
      item.status = status;
      if (status === 201 && item.id !== undefined) created.set(item.id, item);
      if (status >= 300) errors = true;
      items.push(item);
      answers.push({
        [op]: {
          _index: item.index,
          _id: item.id ?? randomUUID(),
          status,
          ...(status >= 300
            ? {
                error: {
                  type:
                    status === 429
                      ? 'es_rejected_execution_exception'
                      : 'version_conflict_engine_exception',
                  reason: 'fake',
                },
              }
            : { result: 'created' }),
        },
      });
    }
    const answerStatus = behaviour.answerStatus?.(bulkNumber);
    if (answerStatus) {
      res.writeHead(answerStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'timeout' }, status: answerStatus }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ took: 1, errors, items: answers }));
  };
  let server = createServer((req, res) => void handler(req, res));
  await listen(server);
  const bulkPort = port(server);
  return {
    port: bulkPort,
    /** Every item received, in order, whatever it was answered. */
    items,
    /** Number of the bulk each item came in (same order as `items`). */
    bulkOf: () => items.map((i) => i.bulk),
    /** Items answered 201: what Elasticsearch would hold. */
    stored: () => items.filter((i) => i.status === 201),
    bulkCount: () => bulks,
    /** Stops listening (connections refused, as when Elasticsearch is down). */
    down: () => close(server),
    /** Listens again on the same port. */
    up: async () => {
      server = createServer((req, res) => void handler(req, res));
      await listen(server, bulkPort);
    },
    close: () => close(server),
  };
}

export type FakeBulk = Awaited<ReturnType<typeof startFakeBulk>>;

function listen(server: Server, p = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => resolve());
  });
}
function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** A free TCP port on 127.0.0.1 (for Fluent Bit's own HTTP server). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const p = port(server);
  await close(server);
  return p;
}

/** The node's directories for one test: /var/log/{pods,containers} and the state hostPath. */
export function makeNode() {
  const root = mkdtempSync(join(tmpdir(), 'ecotrace-fluent-bit-'));
  const node = {
    root,
    pods: join(root, 'pods'),
    containers: join(root, 'containers'),
    // The hostPath volume: DirectoryOrCreate makes the directory itself, nothing inside it.
    state: join(root, 'var-fluent-bit'),
    token: join(root, 'token'),
  };
  mkdirSync(node.pods);
  mkdirSync(node.containers);
  mkdirSync(node.state);
  writeFileSync(node.token, 'fake-service-account-token');
  return { ...node, remove: () => rmSync(root, { recursive: true, force: true }) };
}
export type Node = ReturnType<typeof makeNode>;

/** containerd's RFC3339Nano (trailing zeros of the fraction trimmed, as Go does). */
const clockBase = { ms: Date.now(), ns: process.hrtime.bigint() };
export function rfc3339Nano(): string {
  const totalNs = BigInt(clockBase.ms) * 1_000_000n + (process.hrtime.bigint() - clockBase.ns);
  const ms = Number(totalNs / 1_000_000n);
  const frac = (totalNs % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const iso = new Date(ms).toISOString().slice(0, 19);
  return `${iso}${frac ? `.${frac}` : ''}Z`;
}

/** containerd's maximum line content per CRI record; longer lines are split P ... P F. */
export const CRI_MAX = 16 * 1024;

/** One container's log file, written as containerd writes it, plus its /var/log/containers link. */
export class PodLog {
  readonly file: string;
  readonly link: string;
  /** Every line written (stream and text), with the time its last byte was written. */
  readonly written: { stream: 'stdout' | 'stderr'; line: string; at: number }[] = [];
  constructor(
    node: Node,
    readonly pod: PodSpec,
  ) {
    const dir = join(node.pods, `${pod.namespace}_${pod.name}_${pod.uid}`, pod.container);
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, '0.log');
    writeFileSync(this.file, '');
    this.link = join(
      node.containers,
      `${pod.name}_${pod.namespace}_${pod.container}-${pod.containerId}.log`,
    );
    symlinkSync(this.file, this.link);
  }
  /** Where lines go: the file, or the renamed one between a rotation's rename and reopen. */
  private target: string | undefined;
  /**
   * The kubelet's rotation: renames 0.log to 0.log.<time>; containerd keeps writing to the
   * renamed file until the kubelet has it reopen 0.log (`reopen`).
   */
  rotate(): string {
    const rotated = `${this.file}.${new Date().toISOString().replace(/[-:.]/g, '')}`;
    renameSync(this.file, rotated);
    this.target = rotated;
    return rotated;
  }
  reopen(): void {
    this.target = undefined;
    writeFileSync(this.file, '');
  }
  /** Appends one line (without its newline), split into P/F records past 16 KiB. */
  write(stream: 'stdout' | 'stderr', line: string): void {
    const bytes = Buffer.from(line, 'utf8');
    let out = '';
    for (let start = 0; ; start += CRI_MAX) {
      const part = bytes.subarray(start, start + CRI_MAX);
      const last = start + CRI_MAX >= bytes.length;
      out += `${rfc3339Nano()} ${stream} ${last ? 'F' : 'P'} ${part.toString('latin1')}\n`;
      if (last) break;
    }
    appendFileSync(this.target ?? this.file, Buffer.from(out, 'latin1'));
    this.written.push({ stream, line, at: Date.now() });
  }
}

/** Fluent Bit on the shipped config (paths and hosts changed), with the DaemonSet's env. */
export async function startFluentBit(
  node: Node,
  kubeUrl: string,
  bulk: { port: number },
  extraEnv: Record<string, string> = {},
): Promise<FluentBit> {
  const httpPort = await freePort();
  const conf = testConfig(readFileSync(fluentBitConf, 'utf8'), {
    containers: node.containers,
    state: node.state,
    httpPort,
    kubeUrl,
    token: node.token,
  });
  const confPath = join(node.root, 'fluent-bit.conf');
  writeFileSync(confPath, conf);
  const env = {
    ...process.env,
    ...daemonSetEnv(),
    ELASTICSEARCH_HOST: '127.0.0.1',
    ELASTICSEARCH_PORT: String(bulk.port),
    ELASTICSEARCH_TLS: 'Off',
    ELASTICSEARCH_USER: 'fluent-bit',
    ELASTICSEARCH_PASSWORD: 'test-only',
    ...extraEnv,
  };
  const child = spawn(fluentBitPath, ['-c', confPath], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new FluentBit(child, httpPort);
}

export class FluentBit {
  log = '';
  readonly exited: Promise<number | null>;
  constructor(
    readonly child: ChildProcess,
    readonly httpPort: number,
  ) {
    child.stdout?.on('data', (b: Buffer) => {
      this.log += b.toString();
    });
    child.stderr?.on('data', (b: Buffer) => {
      this.log += b.toString();
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    running.add(child);
    void this.exited.then(() => running.delete(child));
  }
  /** SIGTERM, as the kubelet does; SIGKILL after the grace period. */
  async stop(graceMs = 30_000): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Polls `cond` every 50 ms until true; throws with `what` after `timeoutMs`. */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the fixture service (a real Express service on @ecotrace/logger) with its stdout and
 * stderr copied line by line into `pod`'s log file, as containerd does.
 */
export async function runService(pod: PodLog, env: Record<string, string> = {}) {
  const { createInterface } = await import('node:readline');
  const script = join(deployDir, 'test', 'real', 'fixtures', 'service.mjs');
  const child = spawn(process.execPath, [script], {
    cwd: deployDir,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  let closedStreams = 0;
  const allWritten = new Promise<void>((resolve) => {
    for (const [stream, input] of [
      ['stdout', child.stdout!],
      ['stderr', child.stderr!],
    ] as const) {
      const rl = createInterface({ input });
      rl.on('line', (line) => pod.write(stream, line));
      rl.on('close', () => {
        if (++closedStreams === 2) resolve();
      });
    }
  });
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const hit = pod.written.find((w) => w.line.includes('"message":"listening"'));
      if (hit) {
        clearInterval(timer);
        resolve(JSON.parse(hit.line)['server.port']);
      }
    }, 20);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error('service exited before listening'));
    });
  });
  listening.catch(() => {}); // a service that crashes at start is awaited through `exited`
  return {
    child,
    exited,
    allWritten,
    /** Resolves with the port once the service logged "listening". */
    listening,
    async request(port: number, method: string, path: string) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
      await res.arrayBuffer();
      return res.status;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await allWritten;
      running.delete(child);
    },
  };
}

/** Keys the pipeline adds to every document (besides the Kubernetes ones below). */
export const ADDED_KEYS = new Set([
  'event.created',
  'ecotrace.line_id',
  'log.file.path',
  'event.sequence',
  'labels.stream',
  'orchestrator.type',
  'orchestrator.cluster.name',
  'orchestrator.namespace',
  'orchestrator.resource.type',
  'orchestrator.resource.name',
  'orchestrator.resource.id',
  'orchestrator.resource.label',
  'container.name',
  'container.id',
  'container.image.name',
  'container.image.tag',
  'host.name',
]);

/** A document without the keys the pipeline adds: what the service wrote, if nothing changed. */
export function serviceFields(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !ADDED_KEYS.has(k)));
}

/** JSON with object keys sorted, so two equal values compare equal as text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
