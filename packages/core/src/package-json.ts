import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Name and version from the nearest package.json at or above `dir` that has a name. */
export function nearestPackageJson(dir: string): { name?: string; version?: string } | undefined {
  let current = dir;
  // Bounded walk: stops at the filesystem root.
  for (let depth = 0; depth < 64; depth++) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(current, 'package.json'), 'utf8'));
      if (parsed !== null && typeof parsed === 'object') {
        const { name, version } = parsed as Record<string, unknown>;
        if (typeof name === 'string' && name !== '') {
          return {
            name,
            version: typeof version === 'string' && version !== '' ? version : undefined,
          };
        }
      }
    } catch {
      // no (readable, valid) package.json here: keep walking up
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}
