// @ts-check
import { randomBytes } from 'node:crypto';

/**
 * Random lower-case hex id of `bytes` bytes, never all zeros (B3 and W3C reject an all-zero id).
 * Envoy's job in a mesh; the stand-in ingress needs it.
 * @param {number} bytes
 * @returns {string}
 */
export function randomHexId(bytes) {
  for (;;) {
    const id = randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(id)) return id;
  }
}
