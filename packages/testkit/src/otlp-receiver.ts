import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import { decodeOtlpJson } from './otlp-json.js';
import { decodeOtlpProtobuf } from './otlp-protobuf.js';
import type { ReceivedSpan } from './types.js';
import { decodeZipkinJson } from './zipkin-json.js';

/** One export request the receiver accepted. */
export interface ReceivedExport {
  path: string;
  contentType: string;
  spanCount: number;
}

/** A running receiver. */
export interface OtlpReceiver {
  /** Base URL, e.g. `http://127.0.0.1:43117` (set `OTEL_EXPORTER_OTLP_ENDPOINT` to it). */
  url: string;
  port: number;
  /** Every span received so far, in arrival order. */
  spans(): ReceivedSpan[];
  /** Every accepted export request so far. */
  exports(): ReceivedExport[];
  /** Resolves with all spans once `pred(spans)` is true; rejects after `timeoutMs` (default 10 s). */
  waitForSpans(
    pred: (spans: ReceivedSpan[]) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedSpan[]>;
  /** Forgets what was received (between test cases). */
  clear(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  return body;
}

/**
 * Starts a real OTLP/HTTP trace receiver on 127.0.0.1: `POST /v1/traces` in
 * `application/x-protobuf` or `application/json` (gzip accepted), and Zipkin v2 JSON on
 * `POST /api/v2/spans`. Everything is decoded into flat {@link ReceivedSpan}s with hex ids.
 *
 * @param options.port - port to listen on (default 0: an ephemeral port)
 * @example
 * ```ts
 * const receiver = await startOtlpReceiver();
 * process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
 * const spans = await receiver.waitForSpans((s) => s.some((x) => x.kind === SpanKind.SERVER));
 * await receiver.close();
 * ```
 */
export async function startOtlpReceiver(options: { port?: number } = {}): Promise<OtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const accepted: ReceivedExport[] = [];
  const waiters = new Set<() => void>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (req.method !== 'POST' || (path !== '/v1/traces' && path !== '/api/v2/spans')) {
      res.writeHead(404).end();
      return;
    }
    const body = decompress(await readBody(req), req.headers['content-encoding']);
    let spans: ReceivedSpan[];
    if (path === '/api/v2/spans') spans = decodeZipkinJson(JSON.parse(body.toString('utf8')));
    else if (contentType === 'application/x-protobuf') spans = decodeOtlpProtobuf(body);
    else if (contentType === 'application/json')
      spans = decodeOtlpJson(JSON.parse(body.toString('utf8')));
    else {
      res.writeHead(415).end();
      return;
    }
    received.push(...spans);
    accepted.push({ path, contentType, spanCount: spans.length });
    for (const wake of waiters) wake();
    if (path === '/api/v2/spans') res.writeHead(202).end();
    else if (contentType === 'application/json')
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    // An empty ExportTraceServiceResponse encodes to zero bytes.
    else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A decode failure is a test failure worth seeing, not a crash of the test runner.
      process.stderr.write(`otlp-receiver: bad request on ${req.url}: ${String(error)}\n`);
      if (!res.headersSent) res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    spans: () => [...received],
    exports: () => [...accepted],
    clear: () => {
      received.length = 0;
      accepted.length = 0;
    },
    waitForSpans(pred, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (!pred([...received])) return false;
          cleanup();
          resolve([...received]);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `waitForSpans: timed out after ${timeoutMs} ms with ${received.length} spans: ${summary(received)}`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = (): void => void check();
        waiters.add(wake);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function summary(spans: ReceivedSpan[]): string {
  return spans.map((s) => `${s.serviceName}:${s.name}(kind ${s.kind})`).join(', ');
}
