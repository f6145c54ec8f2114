/**
 * `compute`, remembering its last call: called again with the same arguments (`===`), it returns
 * the last answer without computing. For hot paths whose inputs rarely change from one call to
 * the next (a service's requests name the same host, come from the same sidecar, derive from the
 * same parent logger; consecutive lines share the active span). One entry, so nothing piles up;
 * when `compute` throws, nothing is remembered.
 *
 * @example
 * const originOf = rememberLast((scheme: string, host: string) => parseOrigin(scheme, host));
 */
export function rememberLast<A, R>(compute: (a: A) => R): (a: A) => R;
export function rememberLast<A, B, R>(compute: (a: A, b: B) => R): (a: A, b: B) => R;
export function rememberLast<R>(
  compute: (a: unknown, b: unknown) => R,
): (a: unknown, b?: unknown) => R {
  let remembered = false;
  let lastA: unknown;
  let lastB: unknown;
  let last: R;
  return (a, b) => {
    if (!remembered || a !== lastA || b !== lastB) {
      last = compute(a, b);
      lastA = a;
      lastB = b;
      remembered = true;
    }
    return last;
  };
}
