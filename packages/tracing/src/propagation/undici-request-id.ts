import { subscribe, unsubscribe } from 'node:diagnostics_channel';

// fetch/undici: instrumentation-undici injects into an empty object and appends every header it
// gets to the request, so an app's own `x-request-id` would travel with ours as a second value
// (B then logs `mine, ours` joined). RequestIdPropagator cannot see the request; it notes what
// it injected, and this subscriber, called by the same synchronous publish right after the
// instrumentation's own (it subscribes later), removes our copy when the app had set one.
const CHANNEL = 'undici:request:create';

let injected: string | undefined;

/** Called by RequestIdPropagator when it wrote `value` into a carrier. */
export function noteInjectedRequestId(value: string): void {
  injected = value;
}

function isRequestIdName(name: unknown): boolean {
  return String(name).toLowerCase() === 'x-request-id';
}

function dropDuplicate(message: unknown): void {
  const value = injected;
  injected = undefined;
  if (value === undefined) return;
  try {
    const headers = (message as { request?: { headers?: unknown } }).request?.headers;
    // undici ≥ 6 (Node 20+): a flat [name, value, name, value, …] array.
    if (!Array.isArray(headers)) return;
    let count = 0;
    for (let i = 0; i < headers.length; i += 2) if (isRequestIdName(headers[i])) count++;
    if (count < 2) return;
    // Ours was appended last: the app's value, set when it built the request, stays first.
    for (let i = headers.length - 2; i >= 0; i -= 2) {
      if (isRequestIdName(headers[i]) && headers[i + 1] === value) {
        headers.splice(i, 2);
        return;
      }
    }
  } catch {
    // Never break the app's request over a header.
  }
}

function onRequestCreate(message: unknown): void {
  dropDuplicate(message);
}

/**
 * Subscribes the clean-up; call after the undici instrumentation subscribed (subscribers run in
 * subscription order). Returns the unsubscribe.
 */
export function keepAppRequestIdOnFetch(): () => void {
  subscribe(CHANNEL, onRequestCreate);
  return () => {
    unsubscribe(CHANNEL, onRequestCreate);
    injected = undefined;
  };
}
