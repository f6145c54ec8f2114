/** What the raw scan of one JSON text found. */
export interface KeyScan {
  /** Keys of the outermost object, in the order written (JSON.parse loses repeats). */
  topLevelKeys: string[];
  /** Dotted paths of keys written twice in the same object, at any depth. */
  duplicates: string[];
}

const QUOTE = 34; // "
const BACKSLASH = 92;

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    // A quote preceded by an odd number of backslashes is escaped.
    let slashes = 0;
    for (let i = end - 1; text.charCodeAt(i) === BACKSLASH; i--) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

interface Frame {
  isObject: boolean;
  path: string;
  keys: Set<string> | undefined;
  expectKey: boolean;
  lastKey: string;
}

/**
 * Scans a JSON text that JSON.parse already accepted, to recover what parsing hides: the
 * order of the top-level keys and keys repeated within one object. Only strings and
 * brackets are looked at; numbers and literals are skipped, so it stays cheap.
 */
export function scanJsonKeys(text: string): KeyScan {
  const topLevelKeys: string[] = [];
  const duplicates: string[] = [];
  const stack: Frame[] = [];
  let top: Frame | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (top?.isObject && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (stack.length === 1) topLevelKeys.push(key);
        top.keys ??= new Set();
        if (top.keys.has(key)) duplicates.push(top.path ? `${top.path}.${key}` : key);
        else top.keys.add(key);
        top.expectKey = false;
        top.lastKey = key;
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const parentPath = top ? (top.isObject ? joinPath(top.path, top.lastKey) : top.path) : '';
      top = {
        isObject: c === 123,
        path: parentPath,
        keys: undefined,
        expectKey: true,
        lastKey: '',
      };
      stack.push(top);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      top = stack[stack.length - 1];
    } else if (c === 44 /* , */ && top?.isObject) {
      top.expectKey = true;
    }
  }
  return { topLevelKeys, duplicates };
}

function joinPath(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}
