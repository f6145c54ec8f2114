import { describe, expect, it } from 'vitest';
import { rememberLast } from './remember-last.js';

describe('rememberLast', () => {
  it('answers a repeated call from memory and recomputes when an argument changes', () => {
    const calls: string[] = [];
    const join = rememberLast((a: string, b: string | undefined) => {
      calls.push(`${a}|${b}`);
      return { text: `${a}${b ?? ''}` };
    });
    const first = join('x', 'y');
    expect(join('x', 'y')).toBe(first);
    expect(join('x', undefined).text).toBe('x');
    expect(join('z', undefined).text).toBe('z');
    expect(join('x', 'y')).not.toBe(first);
    expect(calls).toEqual(['x|y', 'x|undefined', 'z|undefined', 'x|y']);
  });

  it('computes the first call even when its arguments are undefined', () => {
    const answer = rememberLast((a: undefined) => (a === undefined ? 'none' : 'some'));
    expect(answer(undefined)).toBe('none');
  });

  it('remembers nothing from a call that threw', () => {
    let fail = true;
    const parse = rememberLast((text: string) => {
      if (fail) throw new Error('not yet');
      return text.length;
    });
    expect(() => parse('abc')).toThrow('not yet');
    fail = false;
    expect(parse('abc')).toBe(3);
  });
});
