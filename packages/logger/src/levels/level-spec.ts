/** The levels a spec may name. */
export const LEVEL_NAMES: ReadonlySet<string> = new Set([
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
]);

/** A parsed level spec: the default level and per-module overrides. */
export interface LevelSpec {
  /** Level of the root logger and of every module without its own entry. */
  level: string | undefined;
  /** Level per module (a child's `name`, written as `log.logger`). */
  modules: Map<string, string>;
}

/**
 * Parses `info`, `info,db=debug,http=warn` or `db=debug` (default level left unset).
 * Throws a TypeError naming `source` (the option or environment variable) on a bad entry.
 *
 * @example
 * parseLevelSpec('info,db=debug', 'LOG_LEVEL'); // { level: 'info', modules: Map { db → debug } }
 */
export function parseLevelSpec(spec: string, source: string): LevelSpec {
  const result: LevelSpec = { level: undefined, modules: new Map() };
  const bad = (entry: string, why: string): never => {
    throw new TypeError(
      `@ecotrace/logger: ${source}="${spec}": "${entry}" ${why} (levels: ${[...LEVEL_NAMES].join(', ')}; modules as name=level)`,
    );
  };
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = eq === -1 ? '' : entry.slice(0, eq).trim();
    const level = (eq === -1 ? entry : entry.slice(eq + 1)).trim().toLowerCase();
    if (!LEVEL_NAMES.has(level)) bad(entry, 'is not a level');
    if (eq === -1) {
      if (result.level !== undefined) bad(entry, 'repeats the default level');
      result.level = level;
    } else {
      if (name === '') bad(entry, 'has no module name');
      result.modules.set(name, level);
    }
  }
  return result;
}
