import { isHealthPath, warnOnce } from '@ecotrace/core';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import {
  AUTO_INSTRUMENTATIONS,
  appDirs,
  installedIn,
  loadInstrumentationClass,
  packageOf,
  selectInstrumentations,
} from './auto-instrumentations.js';

/** Config of one auto-instrumentation, as its package documents it, plus `enabled`. */
export type InstrumentationSettings = { enabled?: boolean } & Record<string, unknown>;

export interface BuiltInstrumentations {
  instrumentations: Instrumentation[];
  /** Short names of the auto-instrumentations loaded. */
  loaded: string[];
  /** Modules any of them patches: what the ESM loader hook has to wrap. */
  modules: string[];
}

type IncomingHook = (request: { url?: string }) => boolean;

/**
 * The auto-instrumentation set (see auto-instrumentations.ts for which ones load), with our
 * settings on top: http never traces the health paths (whatever else the app's own
 * `ignoreIncomingRequestHook` says). An instrumentation the app passes itself replaces ours of
 * the same name. `base` is a path or file URL to resolve packages from (this module's own).
 */
export function buildInstrumentations(
  healthPaths: readonly string[],
  extra: Instrumentation[],
  settings: Readonly<Record<string, InstrumentationSettings | undefined>>,
  env: NodeJS.ProcessEnv,
  base: string,
): BuiltInstrumentations {
  const selection = selectInstrumentations(env, settings, installedIn(appDirs(), env));
  const own = new Set(extra.map((i) => i.instrumentationName));
  const instrumentations: Instrumentation[] = [];
  const loaded: string[] = [];
  const modules = new Set<string>();
  for (const name of selection.load) {
    if (own.has(packageOf(name))) continue;
    const { enabled: _enabled, ...config } = settings[name] ?? {};
    if (name === 'http') {
      const appHook = config.ignoreIncomingRequestHook as IncomingHook | undefined;
      config.ignoreIncomingRequestHook = (request: { url?: string }) =>
        isHealthPath(request.url, healthPaths) || (appHook?.(request) ?? false);
    }
    try {
      const Class = loadInstrumentationClass(name, base);
      instrumentations.push(new Class(config) as Instrumentation);
      loaded.push(name);
      for (const m of AUTO_INSTRUMENTATIONS[name] ?? []) modules.add(m);
    } catch (error) {
      warnOnce(
        `ECOTRACE_INSTRUMENTATION_FAILED_${name}`,
        `@ecotrace/tracing: the ${name} instrumentation could not be loaded, ${name} stays untraced: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (!selection.load.includes('http') && !own.has(packageOf('http'))) {
    warnOnce(
      'ECOTRACE_NO_HTTP_INSTRUMENTATION',
      '@ecotrace/tracing: the http instrumentation is not enabled (OTEL_NODE_ENABLED_INSTRUMENTATIONS / OTEL_NODE_DISABLED_INSTRUMENTATIONS): no server spans, and trace headers are neither read from requests nor sent on node:http calls.',
    );
  }
  for (const i of extra) {
    instrumentations.push(i);
    for (const m of moduleNamesOf(i)) modules.add(m);
  }
  return { instrumentations, loaded, modules: [...modules] };
}

function moduleNamesOf(instrumentation: Instrumentation): string[] {
  try {
    const defs = (
      instrumentation as { getModuleDefinitions?: () => { name: string }[] }
    ).getModuleDefinitions?.();
    return defs?.map((d) => d.name) ?? [];
  } catch {
    return [];
  }
}
