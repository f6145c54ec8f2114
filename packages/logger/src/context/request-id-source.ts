import { setRequestIdSource } from '@ecotrace/core';
import { currentRequestContext } from './request-context.js';

let shared = false;

function requestIdOfCurrentContext(): string | undefined {
  return currentRequestContext()?.requestId;
}

/**
 * Lets tracing read the current request's `http.request.id` (core's `currentRequestId`), so an
 * id generated here for a request that came without `x-request-id` is forwarded downstream too:
 * one request, one id, in every service's logs. Called when the first request context is made.
 */
export function shareRequestIds(): void {
  if (shared) return;
  shared = true;
  setRequestIdSource(requestIdOfCurrentContext);
}
