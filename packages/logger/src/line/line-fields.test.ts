import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendBoundKeys } from './bound-keys.js';
import { LineFields } from './line-fields.js';

/** The rule `isFree` implements, spelled out with prefix lists (the reference). */
function freeByRule(taken: string[], bound: string[], key: string): boolean {
  const prefixes = (k: string): string[] => {
    const out: string[] = [];
    for (let dot = k.indexOf('.'); dot > 0; dot = k.indexOf('.', dot + 1))
      out.push(k.slice(0, dot));
    return out;
  };
  const all = [...taken, ...bound];
  if (all.includes(key)) return false;
  if (all.some((t) => prefixes(t).includes(key))) return false;
  return !prefixes(key).some((p) => all.includes(p));
}

// Keys from a small alphabet, so equal keys, prefixes and empty segments come up often.
const segment = fc.constantFrom('a', 'b', 'ab', '', ' ');
const key = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));

describe('LineFields.isFree', () => {
  it('agrees with the rule whether it scans the keys in place or keeps a prefix set', () => {
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 40 }),
        fc.array(key, { maxLength: 4 }),
        key,
        (taken, bound, probe) => {
          const fields = new LineFields(extendBoundKeys(undefined, bound));
          // push: what the line already holds, checked or not (trusted pairs are pushed).
          for (const k of taken) fields.push(k, '1');
          expect(fields.isFree(probe)).toBe(freeByRule(taken, bound, probe));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
