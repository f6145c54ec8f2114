/**
 * The top-level keys a logger already writes on every line (static fields and child
 * bindings, in pino's chindings), and every dotted prefix of them. A caller field that would
 * repeat one of them, or nest under/over one, is displaced instead of written twice.
 */
export interface BoundKeys {
  readonly keys: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

/**
 * Whether `key` collides with a logger's bound keys: it is one, a bound key nests under it,
 * or it nests under a bound leaf. The rule every line field, trusted field and binding obeys.
 */
export function clashesWithBound(bound: BoundKeys | undefined, key: string): boolean {
  if (bound === undefined) return false;
  if (bound.keys.has(key) || bound.prefixes.has(key)) return true;
  for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
    if (bound.keys.has(key.slice(0, dot))) return true;
  }
  return false;
}

// Extensions already made, per parent: every request's child binds the same key, and one shared
// result lets per-bindings caches (trusted-fields.ts) hit instead of starting over per request.
const extensions = new WeakMap<BoundKeys, Map<string, BoundKeys>>();
const EXTENSIONS_PER_PARENT = 64;

/** Extends `parent` with `added` keys (the same object for the same parent and keys). */
export function extendBoundKeys(
  parent: BoundKeys | undefined,
  added: readonly string[],
): BoundKeys {
  if (parent === undefined) return build(undefined, added);
  let cache = extensions.get(parent);
  if (cache === undefined) {
    cache = new Map();
    extensions.set(parent, cache);
  }
  const id = added.length === 1 ? added[0]! : added.join('\u0000');
  let extended = cache.get(id);
  if (extended === undefined) {
    extended = build(parent, added);
    // Keys can be data (`child({ [userId]: … })`): stop remembering rather than grow.
    if (cache.size < EXTENSIONS_PER_PARENT) cache.set(id, extended);
  }
  return extended;
}

function build(parent: BoundKeys | undefined, added: readonly string[]): BoundKeys {
  if (added.length === 0 && parent !== undefined) return parent;
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
