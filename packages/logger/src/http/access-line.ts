import type { OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { TrustedFields, TrustedKeySet } from '../line/trusted-fields.js';
import { redactQuery } from '../redact/query-redaction.js';
import { clientIp } from './client-ip.js';
import { pickHeaders } from './header-fields.js';
import type { RequestState } from './request-state.js';
import { requestOrigin } from './request-url.js';
import { accessOutcome } from './status-level.js';

/** One access line, ready to hand to the request's logger. */
export interface AccessLine {
  level: Level;
  fields: TrustedFields;
  message: string;
}

/**
 * Every key an access line may write, with its ECS 9.4 type (`http.route` is not in ECS: it is
 * written as a keyword, like a custom string). line/trusted-fields.test.ts checks this against the
 * ECS table; that check is what lets the line skip per-field classification.
 */
export const ACCESS_KEYS = new TrustedKeySet({
  'event.outcome': 'keyword',
  'event.duration': 'long',
  'event.kind': 'keyword',
  'event.category': 'keyword',
  'event.type': 'keyword',
  'event.reason': 'keyword',
  'http.request.method': 'keyword',
  'http.version': 'keyword',
  'http.route': 'keyword',
  'http.request.id': 'keyword',
  'http.request.body.bytes': 'long',
  'http.response.status_code': 'long',
  'http.response.body.bytes': 'long',
  'url.path': 'wildcard',
  'url.scheme': 'keyword',
  'url.query': 'keyword',
  'url.domain': 'keyword',
  'url.port': 'long',
  'url.full': 'wildcard',
  'user_agent.original': 'keyword',
  'client.ip': 'ip',
});

// ECS: event.category "web" expects event.type "access" (ecs_flat.yml, expected_event_types).
const CATEGORY: readonly string[] = Object.freeze(['web']);
const TYPE: readonly string[] = Object.freeze(['access']);
const KIND_JSON = JSON.stringify('event');
const CATEGORY_JSON = JSON.stringify(CATEGORY);
const TYPE_JSON = JSON.stringify(TYPE);
const ABORTED_REASON = 'client closed the connection before the response was complete';

/** The fields every access line has, whatever the request. */
export const ACCESS_EVENT_FIELDS = Object.freeze({
  'event.kind': 'event',
  'event.category': CATEGORY,
  'event.type': TYPE,
});

// One child per parent logger binding the constant event fields: pino serializes bindings once,
// so the access line of a request that never logged skips three fields per line.
const accessLoggers = new WeakMap<Logger, Logger>();

/** The parent's child that writes access lines (constant event fields bound once). */
export function accessLogger(parent: Logger): Logger {
  let child = accessLoggers.get(parent);
  if (child === undefined) {
    child = parent.child(ACCESS_EVENT_FIELDS);
    accessLoggers.set(parent, child);
  }
  return child;
}

function byteCount(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value === '' || value.length > 15) return undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(value);
}

/**
 * The ECS fields of the access line for a finished (or aborted) exchange, computed once; or
 * undefined when the line is skipped (a successful health probe, or a level `logger` does not
 * write). Dotted keys, matching the logger's own `trace.id`/`http.request.id`, so no field is
 * ever both dotted and nested. `eventFields`: whether the line itself carries `event.kind` & co
 * (false when `logger` binds them, see {@link accessLogger}).
 */
export function accessLine(
  state: RequestState,
  res: ServerResponse,
  logger: Logger,
  eventFields: boolean,
): AccessLine | undefined {
  const { options, target } = state;
  const headers = state.ctx.headers;
  const aborted = !res.writableFinished;
  // A finished response has sent its headers: one read fewer of the response (see RequestState).
  const sent = aborted ? res.headersSent : true;
  const statusCode = sent ? res.statusCode : undefined;
  if (!aborted && statusCode !== undefined && statusCode < 400 && state.health) return undefined;
  const level = options.accessLevel(statusCode, aborted);
  // Nothing to build for a level the logger does not write. A level it does not know goes on,
  // so writing fails loudly (once) instead of the line vanishing.
  if (logger.levels.values[level] !== undefined && !logger.isLevelEnabled(level)) return undefined;

  const method = state.method;
  const origin = requestOrigin(headers, state.socket, options.trustProxy);
  const query = redactQuery(target.query, options.isSensitiveParam);
  const fields = new TrustedFields(ACCESS_KEYS, state.ctx);
  fields.string('event.outcome', accessOutcome(statusCode, aborted));
  fields.long('event.duration', Number(process.hrtime.bigint() - state.startNs));
  fields.string('http.request.method', method);
  fields.string('http.version', state.httpVersion);
  fields.string('url.path', target.path);
  fields.string('url.scheme', origin.scheme);
  if (eventFields) {
    fields.json('event.kind', KIND_JSON);
    fields.json('event.category', CATEGORY_JSON);
    fields.json('event.type', TYPE_JSON);
  }
  if (query !== '') fields.string('url.query', query);
  if (origin.authority !== undefined) {
    fields.string('url.domain', origin.domain!);
    if (origin.port !== undefined) fields.long('url.port', origin.port);
    fields.string(
      'url.full',
      `${origin.scheme}://${origin.authority}${target.path}${query === '' ? '' : `?${query}`}`,
    );
  }
  const route = state.adapter.routeOf(state);
  if (route !== undefined) fields.string('http.route', route);
  if (statusCode !== undefined) fields.long('http.response.status_code', statusCode);
  const requestBytes = byteCount(headers['content-length']);
  if (requestBytes !== undefined) fields.long('http.request.body.bytes', requestBytes);
  const responseBytes = sent
    ? byteCount(state.adapter.responseHeaderOf(state, res, 'content-length'))
    : undefined;
  if (responseBytes !== undefined) fields.long('http.response.body.bytes', responseBytes);
  const agent = headers['user-agent'];
  if (agent !== undefined && agent !== '') fields.string('user_agent.original', agent);
  const ip = clientIp(headers, state.socket?.remoteAddress, options.trustProxy);
  if (ip !== undefined) fields.string('client.ip', ip);
  if (options.requestHeaders.length > 0) {
    const picked = pickHeaders(headers, options.requestHeaders, options.isSecretHeader);
    if (picked !== undefined) fields.extra = { 'http.request.headers': picked };
  }
  if (options.responseHeaders.length > 0 && sent) {
    const headers: Record<string, OutgoingHttpHeader | undefined> = {};
    for (const name of options.responseHeaders) {
      headers[name] = state.adapter.responseHeaderOf(state, res, name);
    }
    const picked = pickHeaders(headers, options.responseHeaders, options.isSecretHeader);
    if (picked !== undefined) fields.extra = { ...fields.extra, 'http.response.headers': picked };
  }
  if (aborted) fields.string('event.reason', ABORTED_REASON);

  const message = aborted
    ? `${method} ${target.path} aborted by the client`
    : `${method} ${target.path} ${statusCode}`;
  return { level, fields, message };
}
