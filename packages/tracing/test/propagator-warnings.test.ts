// The start-up warning for OTEL_PROPAGATORS=b3 (issue 17 item 10) must say what really happens,
// and the test checks the claim against two real services: A runs with b3, B echoes.
import { randomUUID } from 'node:crypto';
import { type OtlpReceiver, startOtlpReceiver } from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EchoResponse, type RunningService, startService, tracedEnv } from './helpers.js';

let receiver: OtlpReceiver;
let b: RunningService;
const started: RunningService[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  b = await startService('service-b.mjs', tracedEnv(receiver.url, { OTEL_SERVICE_NAME: 'b' }));
}, 60_000);

afterAll(async () => {
  await Promise.all([b?.svc.stop(), ...started.map((s) => s.svc.stop())]);
  await receiver?.close();
});

async function startA(propagators: string): Promise<RunningService> {
  const a = await startService(
    'service-a.mjs',
    tracedEnv(receiver.url, { OTEL_PROPAGATORS: propagators, SERVICE_B_URL: b.url }),
  );
  started.push(a);
  return a;
}

describe('OTEL_PROPAGATORS self-check', () => {
  it('b3: inbound x-b3-* are read; the warning names the real, outbound consequence', async () => {
    const a = await startA('b3');
    const traceId = randomUUID().replaceAll('-', '');
    const res = await fetch(`${a.url}/orders/1`, {
      headers: { 'x-b3-traceid': traceId, 'x-b3-spanid': 'e457b5a2e4d86bd1', 'x-b3-sampled': '1' },
    });
    const body = (await res.json()) as EchoResponse;
    // Read: A's span continues the inbound trace.
    expect(body.span?.traceId).toBe(traceId);
    // Outbound: only the single b3 header, no x-b3-* for Envoy to rewrite.
    expect(body.fromB.headers.b3).toMatch(new RegExp(`^${traceId}-[0-9a-f]{16}-1$`));
    expect(body.fromB.headers['x-b3-traceid']).toBeUndefined();
    const stderr = a.svc.stderr();
    expect(stderr).not.toMatch(/will be ignored/);
    expect(stderr).not.toMatch(/ECOTRACE_NO_B3_PROPAGATOR/);
    expect(stderr).toMatch(/ECOTRACE_B3_SINGLE_OUTBOUND/);
    expect(stderr).toMatch(/sends only the single "b3" header on outgoing requests/);
    expect(stderr).toMatch(/incoming b3 and x-b3-\* headers are read/);
  }, 60_000);

  it('envoy,b3: x-b3-* go out, but so does the stale-prone b3, and the warning says so', async () => {
    const a = await startA('envoy,b3');
    const res = await fetch(`${a.url}/orders/2`);
    const body = (await res.json()) as EchoResponse;
    expect(body.fromB.headers['x-b3-traceid']).toMatch(/^[0-9a-f]{32}$/);
    expect(body.fromB.headers.b3).toBeDefined();
    expect(a.svc.stderr()).toMatch(/ECOTRACE_B3_SINGLE_OUTBOUND.*sends the single "b3" header/s);
  }, 60_000);

  it('the default (envoy,baggage) warns about nothing', async () => {
    const a = await startA('envoy,baggage');
    expect((await fetch(`${a.url}/orders/3`)).status).toBe(200);
    expect(a.svc.stderr()).not.toMatch(/EcotraceWarning/);
  }, 60_000);
});
