#!/usr/bin/env node
// Turns the ECS field table published by Elastic in the npm package `@elastic/ecs` (its
// `EcsFlat` export, pinned below as an exact dev dependency) and the facts of the ECS logging
// spec kept in data/ecs-logging-spec.json into src/generated/ecs-fields.ts.
//
// Plain ESM on purpose: Node 20 cannot run TypeScript, and the generator must run in CI
// without a build step. `@elastic/ecs` (about 11 MB installed) is a dev dependency only; the
// output has no imports.
//
// The table is a runtime import of the logger, so it is kept small: descriptions, examples
// and OTel notes are dropped, names are prefix-compressed against the previous (sorted) name,
// and attributes that almost every field shares are implied instead of written out.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EcsFlat, EcsVersion } from '@elastic/ecs';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');

/**
 * The ECS version this package describes. It must equal the version of the installed
 * `@elastic/ecs` (package.json pins it exactly): bump both together, then regenerate.
 */
export const PINNED_ECS_VERSION = '9.4.0';

/** Where the spec facts and the output live, inside this package. */
export const defaultPaths = {
  loggingSpec: path.resolve(packageDir, 'data', 'ecs-logging-spec.json'),
  output: path.resolve(packageDir, 'src', 'generated', 'ecs-fields.ts'),
};

/**
 * The generator's inputs: the ECS field table from `@elastic/ecs` and the logging spec facts.
 * @returns {{ ecsFlat: Record<string, any>, ecsVersion: string, loggingSpec: any }}
 */
export function defaultInputs() {
  return {
    ecsFlat: EcsFlat,
    ecsVersion: EcsVersion,
    loggingSpec: JSON.parse(readFileSync(defaultPaths.loggingSpec, 'utf8')),
  };
}

// Keyword fields get ignore_above 1024 in ECS unless stated otherwise, so only exceptions are stored.
const DEFAULT_KEYWORD_IGNORE_ABOVE = 1024;

/** Builds the row for one field: `<shared prefix length>:<rest of name>:<type code><flags>`. */
function encodeRow(name, previous, typeCode, flags) {
  let shared = 0;
  const max = Math.min(name.length, previous.length);
  while (shared < max && name[shared] === previous[shared]) shared++;
  return `${shared}:${name.slice(shared)}:${typeCode}${flags}`;
}

/** A multi-field that is the usual `<name>.text` as match_only_text is a single flag. */
function isPlainTextMultiField(multiFields) {
  return (
    multiFields.length === 1 &&
    multiFields[0].name === 'text' &&
    multiFields[0].type === 'match_only_text'
  );
}

/** Collects the rare attributes of one field; returns undefined when there are none. */
function extrasOf(field) {
  const extras = {};
  if (field.allowed_values) extras.allowedValues = field.allowed_values.map((v) => v.name);
  if (field.pattern) extras.pattern = field.pattern;
  if (field.object_type) extras.objectType = field.object_type;
  if (field.scaling_factor !== undefined) extras.scalingFactor = field.scaling_factor;
  if (field.index === false) extras.indexed = false;
  const defaultIgnoreAbove = field.type === 'keyword' ? DEFAULT_KEYWORD_IGNORE_ABOVE : undefined;
  if (field.ignore_above !== defaultIgnoreAbove) extras.ignoreAbove = field.ignore_above ?? 0;
  if (field.multi_fields && !isPlainTextMultiField(field.multi_fields)) {
    extras.multiFields = field.multi_fields.map((m) => ({ name: m.name, type: m.type }));
  }
  return Object.keys(extras).length > 0 ? extras : undefined;
}

/**
 * Returns the TypeScript source of src/generated/ecs-fields.ts.
 * @param {ReturnType<typeof defaultInputs>} inputs
 */
export function generateSource(inputs = defaultInputs()) {
  const { ecsFlat: flat, ecsVersion, loggingSpec: spec } = inputs;
  if (ecsVersion !== PINNED_ECS_VERSION) {
    throw new Error(
      `@elastic/ecs is ${ecsVersion} but PINNED_ECS_VERSION is ${PINNED_ECS_VERSION}: ` +
        'install the matching @elastic/ecs (exact version) or bump PINNED_ECS_VERSION',
    );
  }

  const names = Object.keys(flat).sort();
  const types = [...new Set(names.map((n) => flat[n].type))].sort();
  if (types.length > 26) throw new Error('more ECS types than single-letter codes');

  const rows = [];
  const extras = {};
  let previous = '';
  for (const name of names) {
    const field = flat[name];
    const typeCode = String.fromCharCode(97 + types.indexOf(field.type));
    const isArray = (field.normalize ?? []).includes('array');
    const plainText = field.multi_fields && isPlainTextMultiField(field.multi_fields);
    const flags = `${isArray ? 'A' : ''}${plainText ? 'T' : ''}`;
    rows.push(encodeRow(name, previous, typeCode, flags));
    previous = name;
    const more = extrasOf(field);
    if (more) extras[name] = more;
  }

  const categoryTypes = {};
  for (const v of flat['event.category']?.allowed_values ?? []) {
    if (v.expected_event_types) categoryTypes[v.name] = v.expected_event_types;
  }

  const specFields = spec.fields.map((f) => ({
    name: f.name,
    type: f.type,
    required: f.required === true,
    ...(typeof f.index === 'number' ? { index: f.index } : {}),
    ...(f.topLevel === true ? { topLevel: true } : {}),
  }));
  const labelKeyForbidden = spec.labelKey.forbidden;
  const labelKeySubstitute = spec.labelKey.substitute;

  return `// Generated by scripts/generate.mjs from npm @elastic/ecs@${ecsVersion} (EcsFlat) and
// data/ecs-logging-spec.json (ECS logging spec ${spec.source.specVersion}, ${spec.source.repository}).
// Do not edit: run \`pnpm --filter @ecotrace/ecs-schema generate\`.

/**
 * The ECS version this package describes (what the logger writes in \`ecs.version\`).
 *
 * @example
 * ECS_VERSION; // '${PINNED_ECS_VERSION}'
 */
export const ECS_VERSION = '${PINNED_ECS_VERSION}';

/** Every ECS field type in the table; a row's type code is the index letter (a = 0). */
export const ECS_TYPES = ${JSON.stringify(types)} as const;

/** An ECS field type (\`keyword\`, \`long\`, \`date\`, \`ip\`, \`object\`, \`nested\`…). */
export type EcsFieldType = (typeof ECS_TYPES)[number];

/** Number of fields encoded in FIELD_ROWS. */
export const FIELD_COUNT = ${names.length};

/**
 * Sorted fields, ';'-separated rows of \`<chars shared with previous name>:<rest of name>:<type code><flags>\`.
 * Flags: A = array (ECS normalize: array), T = has a \`.text\` match_only_text multi-field.
 */
export const FIELD_ROWS = ${JSON.stringify(rows.join(';'))};

/** Rare attributes. ignoreAbove 0 = none (a keyword without the usual 1024). */
export const FIELD_EXTRAS: Record<
  string,
  {
    allowedValues?: string[];
    pattern?: string;
    objectType?: string;
    scalingFactor?: number;
    indexed?: boolean;
    ignoreAbove?: number;
    multiFields?: { name: string; type: string }[];
  }
> = ${JSON.stringify(extras)};

/** event.category value → the event.type values ECS expects with it (expected_event_types). */
export const EVENT_CATEGORY_TYPES: Record<string, string[]> = ${JSON.stringify(categoryTypes)};

/** Fields of the ECS logging spec (index = required key order, topLevel = write dotted). */
export const LOGGING_SPEC_FIELDS: {
  name: string;
  type: string;
  required: boolean;
  index?: number;
  topLevel?: boolean;
}[] = ${JSON.stringify(specFields)};

/** Characters the ECS logging spec forbids in label keys, and what replaces them. */
export const LABEL_KEY_FORBIDDEN: string[] = ${JSON.stringify(labelKeyForbidden)};
export const LABEL_KEY_SUBSTITUTE = ${JSON.stringify(labelKeySubstitute)};
`;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const source = generateSource();
  writeFileSync(defaultPaths.output, source);
  console.log(
    `wrote ${path.relative(process.cwd(), defaultPaths.output)} (${Buffer.byteLength(source)} bytes)`,
  );
}
