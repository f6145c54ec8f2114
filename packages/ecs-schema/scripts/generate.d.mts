// Types for the plain-ESM generator, so tests can import it under strict TypeScript.

/** One field of `@elastic/ecs` EcsFlat, as far as the generator reads it. */
export type EcsFlatField = Record<string, unknown> & { type: string };

/** What the generator reads: Elastic's field table and the logging spec facts. */
export interface GeneratorInputs {
  ecsFlat: Record<string, EcsFlatField>;
  ecsVersion: string;
  loggingSpec: {
    source: Record<string, string>;
    fields: { name: string; type: string; required: boolean; index?: number; topLevel?: boolean }[];
    labelKey: { forbidden: string[]; substitute: string };
  };
}

export declare const PINNED_ECS_VERSION: string;
export declare const defaultPaths: { loggingSpec: string; output: string };
export declare function defaultInputs(): GeneratorInputs;
export declare function generateSource(inputs?: GeneratorInputs): string;
