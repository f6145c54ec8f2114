/**
 * Contract between the logger (writer) and tracing (reader) for the id of the request being
 * handled: an id the logger's middleware generated (none came in) exists only in the logger's
 * request context, yet tracing must forward it so one request keeps one id across services
 * (issue 17 item 7). `Symbol.for` so it holds across two installed copies.
 */
const SOURCE: unique symbol = Symbol.for('ecotrace.current-request-id') as never;

type GlobalWithSource = typeof globalThis & { [SOURCE]?: () => string | undefined };

/**
 * Registers where the current request's id is read (the logger: its request context). Later
 * registrations replace earlier ones; undefined removes it.
 *
 * @example
 * ```ts
 * setRequestIdSource(() => currentRequestContext()?.requestId);
 * ```
 */
export function setRequestIdSource(source: (() => string | undefined) | undefined): void {
  const g = globalThis as GlobalWithSource;
  if (source === undefined) delete g[SOURCE];
  else g[SOURCE] = source;
}

/**
 * The id of the request being handled, as the logger knows it (inbound `x-request-id` or the one
 * it generated), or undefined outside a request or without the logger's middleware. Never throws.
 *
 * @example
 * ```ts
 * const id = currentRequestId(); // '3f2a1c9e-…' inside a request handled by ecsLogging()
 * ```
 */
export function currentRequestId(): string | undefined {
  try {
    const id = (globalThis as GlobalWithSource)[SOURCE]?.();
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
