import { isPlainObject } from '../serialize/ecs-value.js';

/** One top-level key of a caller's object and its value, after expansion. */
export type Entry = [key: string, value: unknown];

function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return '[Unreadable]';
  }
}

/** A shallow copy we may write into (the caller's objects are never modified). */
function own(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(value)) define(copy, k, read(value, k));
  return copy;
}

function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a `__proto__` key stays data.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Sets `value` at `path` below `target`, merging plain objects key by key. Where a value is
 * already there (and both are not plain objects), the first one stays and the new one is
 * reported through `displace` with its full dotted path.
 */
function mergeAt(
  target: Record<string, unknown>,
  path: string[],
  value: unknown,
  fullPath: string,
  displace: (path: string, value: unknown) => void,
): void {
  const [head, ...rest] = path as [string, ...string[]];
  const has = Object.hasOwn(target, head);
  const current = has ? target[head] : undefined;
  if (rest.length > 0) {
    if (has && !isPlainObject(current)) {
      displace(fullPath, value);
      return;
    }
    define(target, head, has ? own(current as Record<string, unknown>) : {});
    mergeAt(target[head] as Record<string, unknown>, rest, value, fullPath, displace);
    return;
  }
  if (!has) {
    define(target, head, value);
    return;
  }
  if (isPlainObject(current) && isPlainObject(value)) {
    const merged = own(current);
    define(target, head, merged);
    for (const k of Object.keys(value)) {
      mergeAt(merged, [k], read(value, k), `${fullPath}.${k}`, displace);
    }
    return;
  }
  displace(fullPath, value);
}

/**
 * Expands dotted keys of custom (non-ECS) fields and merges them with their nested spelling:
 * `{ order: { id: 1 }, 'order.name': 'x' }` → `{ order: { id: 1, name: 'x' } }`. Where both
 * spellings give the same leaf, the first in key order wins and the other is displaced.
 * ECS paths pass through unchanged (they are flattened to dotted keys later, which merges them
 * the same way). Returns the entries in the order their root first appeared.
 */
export function expandDottedCustomKeys(
  obj: object,
  keys: readonly string[],
  isCustomRoot: (root: string) => boolean,
  displace: (path: string, value: unknown) => void,
): Entry[] {
  const order: string[] = [];
  const values = new Map<string, unknown>();
  const tree: Record<string, unknown> = {};
  for (const key of keys) {
    const value = read(obj, key);
    const dot = key.indexOf('.');
    const root = dot === -1 ? key : key.slice(0, dot);
    const usable = dot === -1 || !(dot === 0 || key.endsWith('.') || key.includes('..'));
    if (!usable || !isCustomRoot(root)) {
      // ECS paths and keys Elasticsearch would reject keep their own rules.
      order.push(key);
      values.set(key, value);
      continue;
    }
    if (!Object.hasOwn(tree, root)) order.push(root);
    mergeAt(tree, dot === -1 ? [key] : key.split('.'), value, key, displace);
  }
  return order.map((k) => [k, values.has(k) ? values.get(k) : tree[k]]);
}
