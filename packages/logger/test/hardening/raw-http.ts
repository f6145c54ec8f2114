import { connect } from 'node:net';

/** What came back on a raw connection: the status (0 when none) and the raw bytes. */
export interface RawReply {
  status: number;
  raw: string;
}

/**
 * Sends one HTTP/1.1 request byte for byte over a TCP socket to 127.0.0.1, so that headers
 * fetch/undici and node:http refuse to send (CR/LF, NUL, bytes ≥ 0x80, duplicates, 20 KB
 * values) reach the server. Resolves when the server closes the connection or after
 * `timeoutMs` (status 0 then); never rejects.
 */
export function rawRequest(
  port: number,
  head: { method?: string; path: string; headers: [string, string][] },
  timeoutMs = 10_000,
): Promise<RawReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      resolve({ status: m ? Number(m[1]) : 0, raw });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    socket.on('error', done);
    const lines = [`${head.method ?? 'GET'} ${head.path} HTTP/1.1`, 'Host: 127.0.0.1'];
    for (const [name, value] of head.headers) lines.push(`${name}: ${value}`);
    lines.push('Connection: close', '', '');
    // latin1: each char below 256 is one byte, so binary values go out as given; the
    // generators encode real UTF-8 themselves. write(), not end(): a half-closed client may
    // lose its response; the server closes (Connection: close) when it has answered.
    socket.write(Buffer.from(lines.join('\r\n'), 'latin1'));
  });
}

/** A string's UTF-8 bytes as a latin1 string (one char per byte), for `rawRequest`. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}
