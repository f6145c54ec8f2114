// @ts-check

/**
 * One request of the demo. `style` picks how the stand-in gateway starts its trace.
 * @typedef {object} MixRequest
 * @property {string} name
 * @property {'GET' | 'POST'} method
 * @property {string} path
 * @property {import('./trace-styles.mjs').TraceStyle} style
 * @property {number} expect     the status the services must answer
 * @property {unknown} [body]    JSON body
 */

/**
 * The bounded mix `pnpm demo` sends through the gateway to `orders`: successes in every trace
 * style, a 404 from a handler, a 404 for an unknown route, a handler that throws, a conflict
 * that comes back from `inventory`, and a slow request.
 * @type {readonly MixRequest[]}
 */
export const REQUEST_MIX = Object.freeze([
  { name: 'get an order', method: 'GET', path: '/orders/1001', style: 'b3-128', expect: 200 },
  {
    name: 'place an order',
    method: 'POST',
    path: '/orders',
    style: 'b3-128',
    expect: 201,
    body: { sku: 'tea', quantity: 2 },
  },
  {
    name: 'get an order (64-bit ids)',
    method: 'GET',
    path: '/orders/1002',
    style: 'b3-64',
    expect: 200,
  },
  {
    name: 'place an order (64-bit ids)',
    method: 'POST',
    path: '/orders',
    style: 'b3-64',
    expect: 201,
    body: { sku: 'coffee', quantity: 1 },
  },
  {
    name: 'get an order (traceparent only)',
    method: 'GET',
    path: '/orders/1003',
    style: 'traceparent',
    expect: 200,
  },
  {
    name: 'get an order (unsampled)',
    method: 'GET',
    path: '/orders/1004',
    style: 'unsampled',
    expect: 200,
  },
  {
    name: 'place an order (unsampled)',
    method: 'POST',
    path: '/orders',
    style: 'unsampled',
    expect: 201,
    body: { sku: 'tea', quantity: 1 },
  },
  {
    name: 'unknown order: 404',
    method: 'GET',
    path: '/orders/missing',
    style: 'b3-128',
    expect: 404,
  },
  {
    name: 'unknown route: 404',
    method: 'GET',
    path: '/no-such-route',
    style: 'b3-128',
    expect: 404,
  },
  {
    name: 'handler throws: 500',
    method: 'GET',
    path: '/orders/1001/invoice',
    style: 'b3-128',
    expect: 500,
  },
  {
    name: 'out of stock: 409 from inventory',
    method: 'POST',
    path: '/orders',
    style: 'b3-128',
    expect: 409,
    body: { sku: 'unobtainium', quantity: 1 },
  },
  {
    name: 'slow stock check',
    method: 'GET',
    path: '/orders/1005?slow=1',
    style: 'b3-128',
    expect: 200,
  },
]);

/**
 * Sends the requests one after the other (a bounded, repeatable run) and returns each status.
 * @param {string} baseUrl the gateway
 * @param {readonly MixRequest[]} mix
 * @returns {Promise<Array<MixRequest & { status: number }>>}
 */
export async function sendMix(baseUrl, mix) {
  const results = [];
  for (const item of mix) {
    /** @type {Record<string, string>} */
    const headers = { 'x-demo-trace-style': item.style };
    if (item.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(new URL(item.path, baseUrl), {
      method: item.method,
      headers,
      body: item.body === undefined ? undefined : JSON.stringify(item.body),
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    results.push({ ...item, status: res.status });
  }
  return results;
}
