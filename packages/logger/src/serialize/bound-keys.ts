/**
 * The top-level keys a logger already writes on every line (static fields and child
 * bindings, in pino's chindings), and every dotted prefix of them. A caller field that would
 * repeat one of them, or nest under/over one, is displaced instead of written twice.
 */
export interface BoundKeys {
  readonly keys: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

/** Private per-logger record; a Symbol so it never shows up in pino's own bookkeeping. */
export const BOUND_KEYS = Symbol('ecotrace.boundKeys');

/** Extends `parent` with `added` keys. */
export function extendBoundKeys(parent: BoundKeys | undefined, added: Iterable<string>): BoundKeys {
  const keys = new Set(parent?.keys);
  const prefixes = new Set(parent?.prefixes);
  for (const key of added) {
    keys.add(key);
    for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      prefixes.add(key.slice(0, dot));
    }
  }
  return { keys, prefixes };
}
