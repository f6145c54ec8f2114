import { isIP } from 'node:net';
import type { HeaderRecord } from '@ecotrace/core';
import { firstHeaderValue } from '@ecotrace/core';
import { rememberLast } from '../remember-last.js';

/**
 * Which proxies to believe about the client address.
 * - `false` (default): only the socket's peer address counts; forwarding headers are ignored
 *   because any client can send them.
 * - `true`: every proxy is trusted: `x-envoy-external-address` when present (Envoy sets it to
 *   the address it trusts as the external client), else the left-most `x-forwarded-for` entry.
 * - a number `n`: trust `n` proxy hops: the `n`-th `x-forwarded-for` entry from the right
 *   (`1` = the address the nearest proxy saw, i.e. the Istio sidecar's view of the caller).
 */
export type TrustProxy = boolean | number;

/** Strips `[...]` from IPv6 and a `:port` from IPv4; returns the address if it is an IP. */
function asIp(candidate: string | undefined): string | undefined {
  if (candidate === undefined) return undefined;
  let value = candidate.trim();
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    value = close === -1 ? value : value.slice(1, close);
  } else if (value.indexOf(':') !== -1 && value.indexOf(':') === value.lastIndexOf(':')) {
    value = value.slice(0, value.indexOf(':'));
  }
  return isIP(value) === 0 ? undefined : value;
}

function forwardedFor(headers: HeaderRecord, trust: TrustProxy): string | undefined {
  const raw = headers['x-forwarded-for'];
  if (raw === undefined) return undefined;
  // Node joins repeated headers with ", ", so one list covers duplicates too.
  const list = (Array.isArray(raw) ? raw.join(',') : raw).split(',');
  if (trust === true) return asIp(list[0]);
  const index = list.length - (trust as number);
  return asIp(list[Math.max(index, 0)]);
}

/**
 * `client.ip`: the socket peer, or a forwarded address when `trust` allows it. Only syntactically
 * valid IPs are returned (ECS maps `client.ip` as `ip`; anything else would make Elasticsearch
 * reject the document), and a bad forwarded value falls back to the socket. Never throws.
 *
 * @example
 * clientIp({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }, '127.0.0.6', true); // '203.0.113.7'
 */
export function clientIp(
  headers: HeaderRecord,
  socketAddress: string | undefined,
  trust: TrustProxy,
): string | undefined {
  if (trust !== false && trust !== 0) {
    const envoy =
      trust === true ? asIp(firstHeaderValue(headers['x-envoy-external-address'])) : undefined;
    const forwarded = envoy ?? forwardedFor(headers, trust);
    if (forwarded !== undefined) return forwarded;
  }
  return socketAddress === undefined ? undefined : socketIp(socketAddress);
}

// Connections come from a handful of peers (the sidecar, on loopback): the last answer is reused.
const socketIp = rememberLast((address: string) => asIp(address));
