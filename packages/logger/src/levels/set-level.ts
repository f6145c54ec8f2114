import type { Logger } from 'pino';
import { rootLogger } from '../context/root-logger.js';
import { type LoggerState, type NamedChild, STATE } from '../internal-types.js';
import { parseLevelSpec } from './level-spec.js';

const collected = new FinalizationRegistry<{ set: Set<NamedChild>; entry: NamedChild }>(
  ({ set, entry }) => set.delete(entry),
);

/**
 * Called by `child()` for a child with a `name` (its module): applies the module's level, and
 * remembers the child so that `setLevel` reaches it later. Children without a name inherit
 * their parent's level through pino's prototype chain and need no bookkeeping.
 */
export function trackNamedChild(state: LoggerState, child: Logger, name: string): void {
  const level = state.moduleLevels.get(name);
  if (level !== undefined) child.level = level;
  const entry: NamedChild = { ref: new WeakRef(child), name };
  state.namedChildren.add(entry);
  collected.register(child, { set: state.namedChildren, entry });
}

/**
 * Changes levels at run time, for the root logger and every child: `'debug'` sets the
 * default level, `'info,db=debug'` also sets per-module levels (module = a child's `name`,
 * written as `log.logger`), `'db=trace'` changes only modules. The module list given replaces
 * the previous one; a named child without an entry follows the default level again. Same
 * syntax as the `LOG_LEVEL` environment variable. Throws a TypeError on a bad spec (it is
 * configuration, not the logging path).
 *
 * Default `logger`: the root logger (the first one `createLogger` made, or the one chosen with
 * `root: true` or `setRootLogger`).
 *
 * @example
 * import { setLevel } from '@ecotrace/logger';
 * setLevel('debug');            // everything at debug
 * setLevel('warn,db=debug');    // quiet, except the db module
 */
export function setLevel(spec: string, logger: Logger | undefined = rootLogger()): void {
  const state = (logger as (Logger & { [STATE]?: LoggerState }) | undefined)?.[STATE];
  if (state === undefined) {
    throw new TypeError(
      '@ecotrace/logger: setLevel(spec, logger): logger must come from createLogger()',
    );
  }
  if (typeof spec !== 'string')
    throw new TypeError('@ecotrace/logger: setLevel(spec): spec must be a string');
  const parsed = parseLevelSpec(spec, 'setLevel(spec)');
  const root = state.root;
  if (parsed.level !== undefined) root.level = parsed.level;
  state.moduleLevels = parsed.modules;
  for (const entry of state.namedChildren) {
    const child = entry.ref.deref();
    if (child === undefined) state.namedChildren.delete(entry);
    else child.level = parsed.modules.get(entry.name) ?? root.level;
  }
}
