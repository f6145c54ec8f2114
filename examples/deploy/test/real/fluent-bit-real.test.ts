// The shipped Fluent Bit config in the real Fluent Bit binary (see harness.ts for what is
// changed: paths and hosts only). Fed by a real service's stdout/stderr written as containerd
// writes it; asserts on what reaches the fake Elasticsearch `_bulk`.

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { baseDir, fluentBitConf } from '../paths.js';
import {
  type BulkItem,
  canonical,
  type FakeBulk,
  type FluentBit,
  fluentBitSkipReason,
  fluentBitVersion,
  makeNode,
  newPod,
  PodLog,
  type PodSpec,
  percentile,
  runService,
  serviceFields,
  sleep,
  startFakeBulk,
  startFakeKube,
  startFluentBit,
  testConfig,
  waitFor,
} from './harness.js';

const skip = fluentBitSkipReason();
if (skip) console.warn(`[fluent-bit-real] ${skip}`);

/** Lines the collector is known to change (numbers, lone surrogates): asserted on their own. */
const LOSSY = new Set(['seventeen digits', 'lone surrogate']);

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(bulkBehaviour?: Parameters<typeof startFakeBulk>[0]) {
  const node = makeNode();
  const pods: PodSpec[] = [];
  const kube = await startFakeKube(() => pods);
  const bulk = await startFakeBulk(bulkBehaviour);
  cleanups.push(
    () => kube.close(),
    () => bulk.close(),
    () => node.remove(),
  );
  const fluentBits: FluentBit[] = [];
  return {
    node,
    kube,
    bulk,
    pod(name: string) {
      const spec = newPod(name);
      pods.push(spec);
      return new PodLog(node, spec);
    },
    async start(env: Record<string, string> = {}) {
      const fb = await startFluentBit(node, kube.url, bulk, env);
      fluentBits.push(fb);
      cleanups.push(() => fb.stop(5_000));
      return fb;
    },
  };
}

/** Stored documents of one pod (by the pod name the Lua filter maps), in file order. */
function docsOf(bulk: FakeBulk, pod: PodLog): BulkItem[] {
  return bulk
    .stored()
    .filter((i) => i.doc['orchestrator.resource.name'] === pod.pod.name)
    .sort(
      (a, b) =>
        ((a.doc['event.sequence'] as number) ?? 0) - ((b.doc['event.sequence'] as number) ?? 0),
    );
}

/** The JSON lines a pod wrote that should arrive: all but successful probe access lines. */
function expectedJsonLines(pod: PodLog) {
  return pod.written.filter((w) => {
    if (w.stream !== 'stdout' || !w.line.startsWith('{')) return false;
    const rec = JSON.parse(w.line);
    const probe = ['/healthz', '/readyz', '/livez', '/metrics'].includes(rec['url.path']);
    return !(probe && rec['http.response.status_code'] < 400);
  });
}

/**
 * Every JSON line of `pod` arrived exactly once with every field unchanged, nothing else from
 * its stdout arrived; returns write → `_bulk` latencies (ms) per line.
 */
function assertDeliveredOnce(bulk: FakeBulk, pod: PodLog): number[] {
  const docs = docsOf(bulk, pod).filter((d) => d.doc['labels.stream'] === 'stdout');
  const expected = expectedJsonLines(pod).filter((w) => !LOSSY.has(JSON.parse(w.line).message));
  const got = docs.filter((d) => !LOSSY.has(d.doc.message as string));
  // Same multiset of (service's fields) in file order: nothing lost, added twice or rewritten.
  expect(got.map((d) => canonical(serviceFields(d.doc)))).toEqual(
    expected.map((w) => canonical(JSON.parse(w.line))),
  );
  // Retries reuse an id; stored ids are unique per line.
  expect(new Set(got.map((d) => d.id)).size).toBe(got.length);
  // event.created is containerd's write time (the CRI record's), not the time Fluent Bit read it.
  got.forEach((d, i) => {
    const created = Date.parse(d.doc['event.created'] as string);
    expect(created).toBeLessThanOrEqual(expected[i]!.at);
    expect(created).toBeGreaterThan(expected[i]!.at - 250);
  });
  return got.map((d, i) => d.receivedAt - expected[i]!.at);
}

describe('the test config', () => {
  it('is the shipped fluent-bit.conf with only paths and hosts changed', () => {
    const shipped = readFileSync(fluentBitConf, 'utf8').split('\n');
    const test = testConfig(shipped.join('\n'), {
      containers: '/tmp/node/containers',
      state: '/tmp/node/var-fluent-bit',
      httpPort: 12345,
      kubeUrl: 'http://127.0.0.1:6443',
      token: '/tmp/node/token',
    }).split('\n');
    // Two lines added (the fake API's URL and token file), right after the kubernetes filter's Name.
    const added = test.filter((l) => /^\s*Kube_(URL|Token_File) /.test(l));
    expect(added.map((l) => l.trim())).toEqual([
      'Kube_URL http://127.0.0.1:6443',
      'Kube_Token_File /tmp/node/token',
    ]);
    const rest = test.filter((l) => !added.includes(l));
    expect(rest).toHaveLength(shipped.length);
    const changed = shipped.map((line, i) => [line, rest[i]!] as const).filter(([a, b]) => a !== b);
    for (const [before, after] of changed) {
      // Same key, and the value differs only where a node path, the tag prefix or the
      // monitoring address was.
      expect(after.split(/\s+/)[1], before).toBe(before.split(/\s+/)[1]);
      expect(before, after).toMatch(
        /\/var\/|var\.log\.containers|\/fluent-bit\/etc\/|HTTP_(Listen|Port)/,
      );
    }
    expect(changed.length).toBeGreaterThan(5);
  });
});

describe.skipIf(skip)('the shipped Fluent Bit config in the real Fluent Bit', () => {
  let version = '';
  beforeAll(() => {
    version = fluentBitVersion();
  });

  it('is the version the DaemonSet runs', () => {
    const ds = parse(readFileSync(join(baseDir, 'daemonset.yaml'), 'utf8'));
    const image: string = ds.spec.template.spec.containers[0].image;
    expect(image).toBe(`cr.fluentbit.io/fluent/fluent-bit:${version}`);
  });

  it('on a fresh node: ships every line once, unchanged, in order, with probes, crash and latency', async () => {
    const t = await setup();
    // A pod running before Fluent Bit starts, and a pod that crashed before it started.
    const running = t.pod('orders-7d9f8c-abcde');
    const svc = await runService(running);
    cleanups.push(() => svc.stop());
    const port = await svc.listening;
    for (const path of ['/orders/1', '/healthz', '/readyz?fail=1', '/readyz']) {
      await svc.request(port, 'GET', path);
    }
    const crashed = t.pod('orders-7d9f8c-crash');
    const crash = await runService(crashed, { CRASH_AT_START: '1' });
    await crash.exited;
    await crash.allWritten;
    const writtenBeforeStart = running.written.length;

    const fb = await t.start();
    await waitFor(
      () => docsOf(t.bulk, running).length >= writtenBeforeStart - 2,
      20_000,
      'the lines written before Fluent Bit started',
    );

    // A running pod's file: requests 100 ms apart, plus the values a collector might rewrite.
    await svc.request(port, 'POST', '/edge');
    await svc.request(port, 'POST', '/lossy');
    await svc.request(port, 'POST', '/warn');
    await sleep(1_000);
    await svc.request(port, 'POST', '/blank');
    for (let i = 0; i < 40; i++) {
      await svc.request(port, 'GET', `/orders/${i}`);
      if (i % 10 === 0) await svc.request(port, 'GET', '/healthz');
      await sleep(100);
    }
    // New pods' files, found while Fluent Bit runs: each service logs "listening" at start.
    const newPods: PodLog[] = [];
    for (let i = 0; i < 4; i++) {
      const log = t.pod(`orders-new-${i}`);
      newPods.push(log);
      const s = await runService(log);
      await s.listening;
      await s.request(await s.listening, 'GET', '/orders/7');
      await s.stop();
      await sleep(700);
    }
    await svc.stop();
    const all = [running, ...newPods];
    const expectedCount = all.reduce((n, p) => n + expectedJsonLines(p).length, 0);
    await waitFor(
      () =>
        all.reduce(
          (n, p) => n + docsOf(t.bulk, p).filter((d) => d.doc['labels.stream'] === 'stdout').length,
          0,
        ) >= expectedCount,
      20_000,
      'every line',
    ).catch(() => {}); // the assertions below say what is missing
    await waitFor(() => docsOf(t.bulk, crashed).length > 0, 10_000, 'the crash document');
    await sleep(1_500); // anything extra (a duplicate) would come now
    await fb.stop();

    // Every line once, every field unchanged.
    const runningLatency = assertDeliveredOnce(t.bulk, running);
    const newPodLatency = newPods.map((p) => assertDeliveredOnce(t.bulk, p)[0]!);
    const items = t.bulk.items;
    const report = {
      linesIn: all.reduce((n, p) => n + p.written.length, 0) + crashed.written.length,
      documentsOut: t.bulk.stored().length,
      bulkItems: items.length,
      answered409: items.filter((i) => i.status === 409).length,
      crashLines: crashed.written.length,
      crashDocuments: docsOf(t.bulk, crashed).length,
      stderrLinesOfRunningPod: running.written.filter((w) => w.stream === 'stderr').length,
      stderrDocumentsOfRunningPod: docsOf(t.bulk, running).filter(
        (d) => d.doc['labels.stream'] === 'stderr',
      ).length,
      successfulProbeLinesDropped: all.reduce(
        (n, p) =>
          n + p.written.filter((w) => w.stream === 'stdout').length - expectedJsonLines(p).length,
        0,
      ),
      runningLines: runningLatency.length,
      newPods: newPodLatency.length,
      runningP50: percentile(runningLatency.slice(-60), 50),
      runningP99: percentile(runningLatency.slice(-60), 99),
      newPodP50: percentile(newPodLatency, 50),
      newPodP99: percentile(newPodLatency, 99),
    };
    console.log(`[fluent-bit-real] fresh node: ${JSON.stringify(report)}`);
    expect(report.answered409).toBe(0);

    // Identical lines in one millisecond are five documents with five ids.
    const retries = docsOf(t.bulk, running).filter((d) => d.doc.message === 'retrying upstream');
    expect(retries).toHaveLength(5);
    expect(new Set(retries.map((d) => d.id)).size).toBe(5);
    // The line over 16 KiB (split P/F) is one document.
    const big = docsOf(t.bulk, running).filter((d) => d.doc.blob);
    expect(big).toHaveLength(1);
    expect(Buffer.byteLength(big[0]!.raw)).toBeGreaterThan(3 * 16 * 1024);
    // Trailing \n and a literal backslash-n are kept (no Merge_Log_Trim).
    const failed = docsOf(t.bulk, running).find((d) => d.doc.message === 'write failed\\n')!;
    expect(failed.doc['error.message']).toBe('disk full\n');
    const query = docsOf(t.bulk, running).find((d) => d.doc.message === 'query')!;
    expect(query.doc.sql).toBe('SELECT 1 -- trailing backslash-n \\n');
    expect(query.doc.note).toBe('ends with newline\n');

    // Probes: successful ones dropped, the failing one kept.
    const probes = docsOf(t.bulk, running).filter((d) =>
      ['/healthz', '/readyz'].includes(d.doc['url.path'] as string),
    );
    expect(probes.map((d) => [d.doc['url.path'], d.doc['http.response.status_code']])).toEqual([
      ['/readyz', 503],
    ]);

    // stderr: the warning is a warning (one document with its "(Use node ...)" line), the blank
    // line is no document, the crash is one error document with every line in order.
    const stderrDocs = docsOf(t.bulk, running).filter((d) => d.doc['labels.stream'] === 'stderr');
    expect(stderrDocs.map((d) => d.doc['log.level'])).toEqual(['warn']);
    expect(stderrDocs[0]!.doc.message).toMatch(
      /^\(node:\d+\) \[DEP0999\] DeprecationWarning: the old orders API is deprecated\n\(Use `node --trace-deprecation/,
    );
    const crashDocs = docsOf(t.bulk, crashed);
    expect(crashDocs).toHaveLength(1);
    expect(crashDocs[0]!.doc['log.level']).toBe('error');
    expect(crashDocs[0]!.doc.message).toBe(crashed.written.map((w) => w.line).join('\n'));
    expect(crashDocs[0]!.doc['orchestrator.resource.name']).toBe('orders-7d9f8c-crash');

    // Known changes, as the logger README states them.
    const seventeen = docsOf(t.bulk, running).find((d) => d.doc.message === 'seventeen digits')!;
    expect(seventeen.doc.measure).toEqual({ ratio: 0.3, third: 1 / 3 }); // 0.1 + 0.2 needs 17 digits
    const surrogate = docsOf(t.bulk, running).find((d) => d.doc.message === 'lone surrogate')!;
    expect(surrogate.doc.note).toBe('lone \ufffd surrogate');

    // Every document says which file it came from (Path_Key).
    for (const p of [running, crashed, ...newPods]) {
      for (const d of docsOf(t.bulk, p)) expect(d.doc['log.file.path']).toBe(p.link);
    }

    // Latency goal: p99 write → _bulk ≤ 4 s, for a running pod's file and a new pod's file.
    expect(report.runningP99).toBeLessThanOrEqual(4_000);
    expect(report.newPodP99).toBeLessThanOrEqual(4_000);
  }, 120_000);

  it('a restart (SIGTERM, then SIGKILL) and a pod created while Fluent Bit is down: nothing lost, nothing twice', async () => {
    const t = await setup();
    const a = t.pod('orders-a');
    const svc = await runService(a);
    cleanups.push(() => svc.stop());
    const port = await svc.listening;
    const burst = async (n: number) => {
      for (let i = 0; i < n; i++) await svc.request(port, 'GET', `/orders/${i}`);
    };
    const delivered = (pods: PodLog[]) => () =>
      pods.every((p) => docsOf(t.bulk, p).length >= expectedJsonLines(p).length);

    let fb = await t.start();
    await burst(10);
    await waitFor(delivered([a]), 20_000, 'lines before the restart');
    await fb.stop(); // SIGTERM, as a rolling update does
    await burst(10);
    // A pod created and gone while Fluent Bit was down: its file is there when it comes back.
    const b = t.pod('orders-b');
    const svcB = await runService(b);
    await svcB.request(await svcB.listening, 'GET', '/orders/b');
    await svcB.stop();
    fb = await t.start();
    await burst(10);
    await waitFor(delivered([a, b]), 20_000, 'lines after the restart');
    // A crash (OOM kill): SIGKILL right after lines were read, before their offsets may be saved.
    await burst(10);
    await sleep(300);
    fb.child.kill('SIGKILL');
    await fb.exited;
    await burst(5);
    fb = await t.start();
    await waitFor(delivered([a, b]), 20_000, 'lines after the kill');
    await svc.stop();
    await waitFor(delivered([a, b]), 20_000, 'the last line');
    await sleep(2_000);
    await fb.stop();
    assertDeliveredOnce(t.bulk, a);
    assertDeliveredOnce(t.bulk, b);
    const items = t.bulk.items;
    console.log(
      `[fluent-bit-real] restarts: ${JSON.stringify({
        linesIn: a.written.length + b.written.length,
        documentsOut: t.bulk.stored().length,
        bulkItems: items.length,
        answered409: items.filter((i) => i.status === 409).length,
      })}`,
    );
  }, 120_000);

  it('the offsets DB lost (hostPath wiped): every line re-read, none indexed twice', async () => {
    const t = await setup();
    const a = t.pod('orders-reread');
    const svc = await runService(a);
    cleanups.push(() => svc.stop());
    const port = await svc.listening;
    for (let i = 0; i < 10; i++) await svc.request(port, 'GET', `/orders/${i}`);
    await svc.stop();
    let fb = await t.start();
    const lines = expectedJsonLines(a).length;
    await waitFor(() => docsOf(t.bulk, a).length >= lines, 20_000, 'the first read');
    await fb.stop();
    for (const f of readdirSync(t.node.state)) {
      if (f.startsWith('tail-containers.db')) rmSync(join(t.node.state, f));
    }
    fb = await t.start();
    // Read_from_Head reads the file again: the same file, offsets and times give the same ids.
    await waitFor(() => t.bulk.items.length >= 2 * lines, 20_000, 'the re-read lines');
    await sleep(1_000);
    await fb.stop();
    const reRead = t.bulk.items.slice(lines);
    expect(reRead.map((i) => i.status)).toEqual(reRead.map(() => 409));
    assertDeliveredOnce(t.bulk, a);
    console.log(
      `[fluent-bit-real] offsets DB lost: ${JSON.stringify({
        linesIn: a.written.length,
        documentsOut: t.bulk.stored().length,
        reReadIds: new Set(reRead.map((i) => i.id)).size,
        reReadAnswered409: reRead.filter((i) => i.status === 409).length,
        reReadAnswered201: reRead.filter((i) => i.status === 201).length,
      })}`,
    );
  }, 60_000);

  it('a log rotation (rename, lines to the renamed file, reopen): nothing lost, nothing twice', async () => {
    const t = await setup();
    const a = t.pod('orders-rotating');
    const svc = await runService(a);
    cleanups.push(() => svc.stop());
    const port = await svc.listening;
    const fb = await t.start();
    const burst = async (n: number, tag: string) => {
      for (let i = 0; i < n; i++) await svc.request(port, 'GET', `/orders/${tag}-${i}`);
    };
    await burst(10, 'before');
    // The kubelet rotates a file Fluent Bit has long been tailing: wait until it has shipped the
    // lines so far (on a loaded machine it could otherwise first look after the rename, when the
    // old file no longer matches the path glob, which is not the case this test is about).
    await waitFor(
      () => docsOf(t.bulk, a).length >= expectedJsonLines(a).length,
      20_000,
      'the lines before the rotation',
    );
    a.rotate();
    await burst(5, 'renamed'); // containerd still writes to the renamed file
    a.reopen();
    await burst(10, 'after');
    await svc.stop();
    await waitFor(
      () => docsOf(t.bulk, a).length >= expectedJsonLines(a).length,
      20_000,
      'every line across the rotation',
    ).catch(() => {});
    await sleep(1_500);
    await fb.stop();
    // Two files, so file order is by (file, offset): compare as multisets.
    const got = docsOf(t.bulk, a).map((d) => canonical(serviceFields(d.doc)));
    const want = expectedJsonLines(a).map((w) => canonical(JSON.parse(w.line)));
    expect(got.sort()).toEqual(want.sort());
    console.log(
      `[fluent-bit-real] rotation: ${JSON.stringify({
        linesIn: a.written.length,
        documentsOut: t.bulk.stored().length,
        answered409: t.bulk.items.filter((i) => i.status === 409).length,
      })}`,
    );
  }, 90_000);

  it('a bulk indexed but whose answer was lost is retried with the same ids: 409s, no duplicate', async () => {
    // The first bulk is stored, then answered 503 (as if the answer timed out).
    const t = await setup({ answerStatus: (bulk) => (bulk === 0 ? 503 : undefined) });
    const a = t.pod('orders-lost-answer');
    const svc = await runService(a);
    cleanups.push(() => svc.stop());
    const port = await svc.listening;
    const fb = await t.start();
    for (let i = 0; i < 5; i++) await svc.request(port, 'GET', `/orders/${i}`);
    const firstIds = () => t.bulk.items.filter((i) => i.bulk === 0).map((i) => i.id);
    await waitFor(() => firstIds().length > 0, 20_000, 'the first bulk');
    // Fluent Bit retries after 5-10 s (scheduler.base 5).
    await waitFor(
      () => t.bulk.items.some((i) => i.bulk > 0 && firstIds().includes(i.id)),
      20_000,
      'the retry of the first bulk',
    );
    const retry = t.bulk.items.filter((i) => i.bulk > 0 && firstIds().includes(i.id));
    expect(retry.every((i) => i.status === 409)).toBe(true);
    await svc.stop();
    await waitFor(
      () => docsOf(t.bulk, a).length >= expectedJsonLines(a).length,
      20_000,
      'every line',
    ).catch(() => {});
    await fb.stop();
    assertDeliveredOnce(t.bulk, a);
    console.log(
      `[fluent-bit-real] lost answer: ${JSON.stringify({
        linesIn: a.written.length,
        documentsOut: docsOf(t.bulk, a).length,
        firstBulkItems: firstIds().length,
        retriedItemsAnswered409: retry.length,
      })}`,
    );
  }, 60_000);

  it('an item rejected 429 in a bulk where others succeed is dropped without a log line (5.1.1)', async () => {
    // What remains of issue 9: the es output counts a bulk with one accepted item as sent, and
    // logs nothing above debug level about the item it drops (Trace_Error On, debug level as in
    // the dev overlay, to show where it does appear).
    let rejected: string | undefined;
    const t = await setup({
      itemStatus: (item, index) => {
        if (rejected === undefined && index === 1) {
          rejected = item.raw;
          return 429;
        }
        return undefined;
      },
    });
    const a = t.pod('orders-partial');
    const svc = await runService(a);
    cleanups.push(() => svc.stop());
    const port = await svc.listening;
    const fb = await t.start({ ELASTICSEARCH_TRACE_ERROR: 'On', FLUENT_BIT_LOG_LEVEL: 'debug' });
    for (let i = 0; i < 5; i++) await svc.request(port, 'GET', `/orders/${i}`);
    await waitFor(() => rejected !== undefined, 20_000, 'a bulk with two items');
    await sleep(12_000); // a retry would come after scheduler.base (5 s) to 10 s
    await fb.stop();
    const stored = docsOf(t.bulk, a);
    expect(stored.some((d) => d.raw === rejected)).toBe(false);
    expect(t.bulk.items.filter((i) => i.raw === rejected)).toHaveLength(1);
    expect(fb.log).not.toMatch(/\[error\]/);
    // Only at debug level (the dev overlay's) is the answer printed, among every bulk's answers.
    const answers = fb.log.split('\n[').filter((l) => l.includes('Elasticsearch response'));
    expect(answers.some((l) => l.startsWith('20') && l.includes('"status":429'))).toBe(true);
    expect(answers.every((l) => l.includes('[debug]'))).toBe(true);
    console.log(
      `[fluent-bit-real] partial 429: ${JSON.stringify({
        linesIn: expectedJsonLines(a).length,
        documentsOut: stored.length,
        lost: expectedJsonLines(a).length - stored.length,
      })}`,
    );
  }, 60_000);

  it('a bulk whose every item is rejected 429 (one primary shard) is retried until stored', async () => {
    const t = await setup({ itemStatus: (_item, _index, bulk) => (bulk === 0 ? 429 : undefined) });
    const a = t.pod('orders-all-429');
    const svc = await runService(a);
    cleanups.push(() => svc.stop());
    const port = await svc.listening;
    const fb = await t.start();
    for (let i = 0; i < 5; i++) await svc.request(port, 'GET', `/orders/${i}`);
    await waitFor(
      () => docsOf(t.bulk, a).length >= expectedJsonLines(a).length,
      30_000,
      'the retried lines',
    );
    await sleep(1_500);
    await fb.stop();
    assertDeliveredOnce(t.bulk, a);
    expect(t.bulk.items.filter((i) => i.status === 429).length).toBeGreaterThan(0);
  }, 60_000);

  // Slow (≈1 min): once per CI run, on its first Node (20); FLUENT_BIT_OUTAGE=1 forces it.
  const outageSkip =
    process.env.FLUENT_BIT_OUTAGE !== '1' && Number(process.versions.node.split('.')[0]) > 20;
  if (outageSkip && !skip) {
    console.warn(
      `[fluent-bit-real] the 30 s outage test runs once per CI run, on Node 20; skipped on ${process.version} (FLUENT_BIT_OUTAGE=1 runs it)`,
    );
  }
  it.skipIf(outageSkip)(
    'an Elasticsearch outage of 30 s: nothing lost, nothing twice',
    async () => {
      const t = await setup();
      const a = t.pod('orders-outage');
      const svc = await runService(a);
      cleanups.push(() => svc.stop());
      const port = await svc.listening;
      const fb = await t.start();
      for (let i = 0; i < 5; i++) await svc.request(port, 'GET', `/orders/${i}`);
      await waitFor(() => docsOf(t.bulk, a).length >= expectedJsonLines(a).length, 20_000, 'lines');
      await t.bulk.down();
      const downAt = Date.now();
      while (Date.now() - downAt < 30_000) {
        await svc.request(port, 'GET', '/orders/during-outage');
        await sleep(500);
      }
      await t.bulk.up();
      const upAt = Date.now();
      await svc.stop();
      await waitFor(
        () => docsOf(t.bulk, a).length >= expectedJsonLines(a).length,
        90_000,
        'the lines buffered during the outage',
      );
      const caughtUpMs = Date.now() - upAt;
      await sleep(2_000);
      await fb.stop();
      assertDeliveredOnce(t.bulk, a);
      console.log(
        `[fluent-bit-real] outage 30 s: ${JSON.stringify({
          linesIn: a.written.length,
          documentsOut: t.bulk.stored().length,
          answered409: t.bulk.items.filter((i) => i.status === 409).length,
          caughtUpMsAfterRecovery: caughtUpMs,
        })}`,
      );
    },
    180_000,
  );
});
