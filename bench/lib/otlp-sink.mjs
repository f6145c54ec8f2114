// A loopback OTLP/HTTP receiver for the tracing scenario: it reads each export request fully
// and answers 200 with an empty body (a valid empty ExportTraceServiceResponse in protobuf and
// JSON alike). It only counts: decoding spans is the testkit's job, not the benchmark's.
import { createServer } from 'node:http';

/**
 * @returns {Promise<{ endpoint: string, stats: { requests: number, bytes: number }, close(): Promise<void> }>}
 * @example const sink = await startOtlpSink(); process.env.OTEL_EXPORTER_OTLP_ENDPOINT = sink.endpoint;
 */
export async function startOtlpSink() {
  const stats = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    req.on('data', (chunk) => {
      stats.bytes += chunk.length;
    });
    req.on('end', () => {
      stats.requests++;
      res.writeHead(200, {
        'content-type': req.headers['content-type'] ?? 'application/x-protobuf',
      });
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
