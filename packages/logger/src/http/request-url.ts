import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { firstHeaderValue } from '@ecotrace/core';
import { rememberLast } from '../remember-last.js';
import type { TrustProxy } from './client-ip.js';

/** The request target split once, at request start: `url.path` and the raw `url.query`. */
export interface RequestTarget {
  path: string;
  /** Raw query without `?`, `''` when there is none (fragment dropped). */
  query: string;
}

/**
 * Splits `req.url` (origin-form `/a?b`, or absolute-form `http://h/a?b` that proxies may send)
 * without building a `URL` object on the common path. Never throws.
 *
 * @example
 * splitTarget('/orders?id=7#x'); // { path: '/orders', query: 'id=7' }
 */
export function splitTarget(rawUrl: string | undefined): RequestTarget {
  let url = rawUrl ?? '/';
  if (url.charCodeAt(0) !== 47 /* / */ && url !== '*') {
    try {
      const parsed = new URL(url);
      url = parsed.pathname + parsed.search;
    } catch {
      // Not absolute either: log it as the path it claims to be.
    }
  }
  const hash = url.indexOf('#');
  if (hash !== -1) url = url.slice(0, hash);
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

// A host (name or [IPv6]) with an optional port, printable ASCII, no URL delimiters, DNS-sized.
const HOST_RE = /^(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@[\]:]{1,253})(?::(\d{1,5}))?$/;

/** What the request says about where it was sent: `url.scheme`, `url.domain`, `url.port`. */
export interface RequestOrigin {
  readonly scheme: 'http' | 'https';
  /** `host[:port]` exactly as it appears in `url.full`; undefined when absent or malformed. */
  readonly authority: string | undefined;
  readonly domain: string | undefined;
  readonly port: number | undefined;
}

/**
 * Scheme and host of the request (same arguments as `clientIp`). The socket decides (TLS or
 * not, `Host` header) unless `trust` allows `x-forwarded-proto`/`x-forwarded-host`, which a
 * sidecar or gateway sets to what the client really used. Malformed values are dropped, never
 * logged raw.
 */
export function requestOrigin(
  headers: IncomingHttpHeaders,
  socket: Socket | null,
  trust: TrustProxy,
): RequestOrigin {
  let scheme: 'http' | 'https' =
    (socket as { encrypted?: boolean } | null)?.encrypted === true ? 'https' : 'http';
  let host = headers.host;
  if (trust !== false && trust !== 0) {
    const proto = firstHeaderValue(headers['x-forwarded-proto'])?.toLowerCase();
    if (proto === 'http' || proto === 'https') scheme = proto;
    host = firstHeaderValue(headers['x-forwarded-host']) || host;
  }
  return originOf(scheme, host);
}

// `url.scheme` / `url.domain` / `url.port` for a scheme and `Host` value (shared, so frozen).
// A service's requests almost all name the same host and scheme: the last answer is reused.
const originOf = rememberLast(
  (scheme: 'http' | 'https', host: string | undefined): RequestOrigin =>
    Object.freeze(parseOrigin(scheme, host)),
);

function parseOrigin(scheme: 'http' | 'https', host: string | undefined): RequestOrigin {
  const match = host === undefined ? null : HOST_RE.exec(host);
  if (host === undefined || match === null) {
    return { scheme, authority: undefined, domain: undefined, port: undefined };
  }
  const portText = match[1];
  const port = portText === undefined ? undefined : Number(portText);
  const name = portText === undefined ? host : host.slice(0, host.length - portText.length - 1);
  const domain = name.charCodeAt(0) === 91 /* [ */ ? name.slice(1, -1) : name;
  return {
    scheme,
    authority: host,
    domain: domain.toLowerCase(),
    port: port !== undefined && port <= 65_535 ? port : undefined,
  };
}
