import { register } from 'node:module';

const REGISTERED = Symbol.for('ecotrace.tracing.esmHook');

/** Someone already put import-in-the-middle's loader in place (`--import`/`--loader` flags). */
function hookInFlags(): boolean {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return /import-in-the-middle\/hook\.mjs|@opentelemetry\/instrumentation\/hook\.mjs/.test(flags);
}

/**
 * Registers OTel's ESM loader hook (import-in-the-middle, through
 * `@opentelemetry/instrumentation/hook.mjs`) once per process, wrapping only `modules` (the
 * modules the loaded instrumentations patch, given as import-in-the-middle's `include` list:
 * every other module loads untouched, which is cheaper and safer than wrapping all of them).
 * Modules imported after this call are instrumented; ones the app had already imported are not,
 * which is why tracing must start from a module given to `--import`, before the app's own.
 * `parent` is the URL to resolve the hook from (this package's). Returns false, with one line on
 * stderr, if Node refused.
 */
export function registerEsmHook(modules: readonly string[], parent: string): boolean {
  const g = globalThis as { [REGISTERED]?: boolean };
  if (g[REGISTERED] || hookInFlags()) return true;
  g[REGISTERED] = true;
  try {
    register('@opentelemetry/instrumentation/hook.mjs', parent, {
      data: { include: [...modules] },
    });
    return true;
  } catch (error) {
    process.stderr.write(
      `@ecotrace/tracing: ESM loader hook not registered, ESM imports stay uninstrumented: ${String(error)}\n`,
    );
    return false;
  }
}
