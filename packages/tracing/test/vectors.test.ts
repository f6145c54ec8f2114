import { readFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import type { TraceContextExtraction } from '@ecotrace/core';
import { type OtlpReceiver, SpanKind, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EchoResponse,
  packageDir,
  type RunningService,
  startService,
  tracedEnv,
} from './helpers.js';

interface Vector {
  name: string;
  headers: Record<string, string>;
  expect: TraceContextExtraction;
}
// The contract's vectors live with its code in @ecotrace/core (docs/trace-context.md).
const vectors = JSON.parse(
  readFileSync(resolve(packageDir, '../core/test/b3-vectors.json'), 'utf8'),
) as Vector[];

/** node:http (not fetch) so values reach the server byte for byte, surrounding whitespace included. */
function get(url: string, headers: Record<string, string>): Promise<EchoResponse['fromB']> {
  return new Promise((done, fail) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => done(JSON.parse(body)));
      })
      .on('error', fail);
  });
}

describe('every B3 vector (packages/core/test/b3-vectors.json), sent as real headers to a traced Fastify server', () => {
  let receiver: OtlpReceiver;
  let b: RunningService;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    b = await startService(
      'service-b.mjs',
      tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'vectors' }),
    );
  }, 60_000);
  afterAll(async () => {
    await b?.svc.stop();
    await receiver?.close();
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const echoed = await get(`${b.url}/echo/1`, vector.headers);
    const span = echoed.span;
    expect(span).not.toBeNull();
    // Default sampler (parentbased_always_on): a sent decision is honoured, a deferred one becomes "on".
    const sampled = vector.expect.sampled !== false;
    expect(span?.sampled).toBe(sampled);
    if (vector.expect.valid) expect(span?.traceId).toBe(vector.expect.traceId);
    else expect(Object.values(vector.headers).join(' ')).not.toContain(span?.traceId);
    if (!sampled) return;
    const spans = await receiver.waitForSpans(
      (all) => all.some((s) => s.spanId === span?.spanId),
      20_000,
    );
    const server = spans.find((s) => s.spanId === span?.spanId);
    expect(server).toMatchObject({
      kind: SpanKind.SERVER,
      traceId: vector.expect.valid ? vector.expect.traceId : span?.traceId,
      parentSpanId: vector.expect.valid ? (vector.expect.spanId as string) : undefined,
    });
  });
});
