import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from './validate/problems.js';

describe('README', () => {
  it('documents every problem code with its severity', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [code, { severity }] of Object.entries(PROBLEM_CODES)) {
      // table cells are padded by the formatter
      const row = new RegExp(`\\| \`${code}\`\\s*\\| ${severity}\\s*\\|`);
      expect(readme, code).toMatch(row);
    }
  });
});
