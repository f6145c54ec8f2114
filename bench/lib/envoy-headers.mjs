/** What Envoy adds to every inbound request behind Istio: the load the HTTP scenarios send. */
export const ENVOY_HEADERS = Object.freeze({
  'x-request-id': '2f5b8e0a-4c8e-4d4c-9a3b-7f1e2d3c4b5a',
  'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
  'x-b3-spanid': 'e457b5a2e4d86bd1',
  'x-b3-parentspanid': '05e3ac9a4f6e3b90',
  'x-b3-sampled': '1',
});
