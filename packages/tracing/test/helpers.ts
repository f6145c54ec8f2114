import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SpawnedService, spawnService } from '@ecotrace/testkit';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const fixture = (name: string): string => resolve(packageDir, 'test/fixtures', name);

export interface RunningService {
  svc: SpawnedService;
  url: string;
}

/** Env for a traced child: exports quickly to `receiverUrl`, nothing inherited that could interfere. */
export function tracedEnv(
  receiverUrl: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return {
    ...env,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    ...extra,
  };
}

/** Starts a fixture with the register entry preloaded (`--import` for .mjs, `--require` for .cjs). */
export async function startService(file: string, env: NodeJS.ProcessEnv): Promise<RunningService> {
  const preload = file.endsWith('.cjs') ? '--require' : '--import';
  const svc = spawnService(
    process.execPath,
    [preload, '@ecotrace/tracing/register', fixture(file)],
    {
      env,
      cwd: packageDir,
    },
  );
  const line = await svc.waitForLine((l) => l.includes('"listening"'), 30_000);
  const port = (JSON.parse(line) as { 'server.port': number })['server.port'];
  return { svc, url: `http://127.0.0.1:${port}` };
}

/** Parsed JSON log lines of a service (non-JSON lines skipped). */
export function logLines(svc: SpawnedService): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of svc.lines()) {
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a log line
    }
  }
  return out;
}

export interface SpanInfo {
  traceId: string;
  spanId: string;
  sampled: boolean;
  parentSpanId?: string;
}

export interface EchoResponse {
  span: SpanInfo | null;
  fromB: { headers: Record<string, string>; span: SpanInfo | null };
}
