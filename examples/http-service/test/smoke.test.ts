import { type RunningService, startService } from '@ecotrace/demo/services';
import { validateLine } from '@ecotrace/ecs-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let reports: RunningService;
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

beforeAll(async () => {
  // No collector: the job's correlation must not depend on exporting spans.
  reports = await startService('reports', { OTEL_TRACES_EXPORTER: 'none' });
}, 60_000);
afterAll(async () => {
  await reports?.stop('SIGKILL');
});

describe('reports (plain node:http example)', () => {
  it('runs a queued job inside the trace of the request that queued it', async () => {
    const res = await fetch(`${reports.url}/reports?name=daily`, {
      method: 'POST',
      headers: { 'x-b3-traceid': traceId, 'x-b3-spanid': '00f067aa0ba902b7', 'x-b3-sampled': '1' },
    });
    expect(res.status).toBe(202);
    // The worker polls every 50 ms: wait for the job's last line (however busy the machine),
    // then stop (flushes stdout).
    await reports.waitForLine((l) => l.includes('"report job done"'), 30_000);
    expect((await reports.stop('SIGTERM')).code).toBe(0);

    const lines = reports.lines();
    for (const line of lines)
      expect(
        validateLine(line).filter((p) => p.severity === 'error'),
        line,
      ).toEqual([]);
    const records = lines.map((l) => JSON.parse(l));
    const byMessage = (m: string) => records.find((r) => r.message === m);
    const queued = byMessage('report job queued');
    const done = byMessage('report job done');
    expect(queued?.['trace.id']).toBe(traceId);
    expect(done?.['trace.id']).toBe(traceId);
    // The job continues the request's own span (the server span when tracing runs).
    expect(done?.['span.id']).toBe(queued?.['span.id']);
    expect(byMessage('listening')?.['trace.id']).toBeUndefined();
  });
});
