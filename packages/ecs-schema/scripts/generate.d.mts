// Types for the plain-ESM generator, so tests can import it under strict TypeScript.
export declare const PINNED_ECS_VERSION: string;
export declare const defaultPaths: { ecsFlat: string; loggingSpec: string; output: string };
export declare function generateSource(paths?: { ecsFlat: string; loggingSpec: string }): string;
