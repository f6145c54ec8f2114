// Generated from package.json by scripts/generate-version.mjs (run by `build`): do not edit.

/**
 * The version of @ecotrace/metrics (its package.json `version`), e.g. for diagnostics or telemetry.
 *
 * @example
 * ```ts
 * import { VERSION } from '@ecotrace/metrics';
 * console.log(`@ecotrace/metrics ${VERSION}`);
 * ```
 */
export const VERSION = '0.1.0';
