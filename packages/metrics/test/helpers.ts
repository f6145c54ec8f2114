import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SpawnedService, spawnService } from '@ecotrace/testkit';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Service {
  svc: SpawnedService;
  url: string;
  /** host:port of /metrics (the app's port unless METRICS_PORT was given). */
  metricsTarget: string;
}

/** Starts test/fixtures/service.mjs for `framework`, optionally with tracing preloaded. */
export async function startService(
  framework: string,
  options: { tracing?: boolean; env?: Record<string, string> } = {},
): Promise<Service> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    FRAMEWORK: framework,
    OTEL_SERVICE_NAME: `metrics-${framework}`,
    ...(options.tracing ? {} : { OTEL_TRACES_EXPORTER: 'none' }),
    ...options.env,
  };
  const args = options.tracing ? ['--import', '@ecotrace/tracing/register'] : [];
  const svc = spawnService(
    process.execPath,
    [...args, resolve(packageDir, 'test/fixtures/service.mjs')],
    {
      env,
      cwd: packageDir,
    },
  );
  const line = await svc.waitForLine((l) => l.includes('"listening"'), 30_000);
  const port = (JSON.parse(line) as { 'server.port': number })['server.port'];
  let metricsTarget = `127.0.0.1:${port}`;
  if (options.env?.METRICS_PORT !== undefined) {
    const own = await svc.waitForLine((l) => l.includes('"metrics listening"'), 30_000);
    metricsTarget = `127.0.0.1:${(JSON.parse(own) as { 'server.port': number })['server.port']}`;
  }
  return { svc, url: `http://127.0.0.1:${port}`, metricsTarget };
}

/** Parsed JSON lines of a service's stdout. */
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

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Envoy-style B3 multi headers (what the sidecar adds) for a new trace. */
export function envoyHeaders(sampled = true): {
  traceId: string;
  spanId: string;
  headers: Record<string, string>;
} {
  const traceId = hex(16);
  const spanId = hex(8);
  return {
    traceId,
    spanId,
    headers: {
      'x-request-id': `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`,
      'x-b3-traceid': traceId,
      'x-b3-spanid': spanId,
      'x-b3-parentspanid': hex(8),
      'x-b3-sampled': sampled ? '1' : '0',
    },
  };
}

/** One sample line of a text exposition, parsed (labels unescaped). */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  /** What follows the labels: value, and in OpenMetrics an optional `# {exemplar} v ts`. */
  rest: string;
}

/** Parses a sample line: `name{a="x",b="y"} rest`; quotes and backslash escapes respected. */
export function parseSample(line: string): Sample | undefined {
  if (line === '' || line.startsWith('#')) return undefined;
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (!match) return undefined;
  const name = match[1] as string;
  const labels: Record<string, string> = {};
  let i = name.length;
  if (line[i] === '{') {
    i++;
    while (i < line.length && line[i] !== '}') {
      const eq = line.indexOf('=', i);
      const key = line.slice(i, eq);
      i = eq + 2; // past ="
      let value = '';
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\') {
          const next = line[i + 1];
          value += next === 'n' ? '\n' : next;
          i += 2;
        } else value += line[i++];
      }
      labels[key] = value;
      i++; // closing quote
      if (line[i] === ',') i++;
    }
    i++; // closing brace
  }
  return { name, labels, rest: line.slice(i).trim() };
}

/** The samples of one metric in an exposition. */
export function samplesOf(body: string, metric: string): Sample[] {
  return body
    .split('\n')
    .map(parseSample)
    .filter((s): s is Sample => s !== undefined && s.name === metric);
}

/** Distinct label sets of a metric (`le` dropped), as sorted JSON strings. */
export function seriesOf(body: string, metric: string): Set<string> {
  const out = new Set<string>();
  for (const sample of samplesOf(body, metric)) {
    const { le: _le, ...rest } = sample.labels;
    out.add(JSON.stringify(Object.entries(rest).sort()));
  }
  return out;
}
