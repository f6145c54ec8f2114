import { isValidSpanId, isValidTraceId } from '@ecotrace/core';
import { ecsField, ecsPathKind, LABEL_KEY_REPLACEMENT } from '@ecotrace/ecs-schema';
import { censorsEcsString, type Redactor } from '../redact/redactor.js';
import { ecsValueJson, isPlainObject } from '../serialize/ecs-value.js';
import { errorFields } from '../serialize/error-fields.js';
import { quoteJson } from '../serialize/json-string.js';
import { LIMITS } from '../serialize/limits.js';
import { safeJsonAt } from '../serialize/safe-json.js';
import { truncateChars } from '../serialize/truncate.js';
import { type BoundKeys, clashesWithBound } from './bound-keys.js';
import { type EcsLeaf, type FieldContext, type KeyInfo, KeyKind } from './field-context.js';
import { dotCount } from './line-fields.js';
import { addTrustedFields, TrustedFields, TrustedKeySet } from './trusted-fields.js';

/** Keys the logger writes itself; a caller's copy is displaced, never a duplicate. */
const RESERVED = new Set(['@timestamp', 'log.level', 'message', 'ecs.version', 'ecotrace']);
/**
 * Top-level keys the collector writes into the record: the CRI parser's `time`, `stream`, `_p`
 * (containerd's line wrapper), and Fluent Bit's kubernetes filter appends `kubernetes` (and
 * `kubernetes_namespace` with namespace labels/annotations on) after merging the line, so an
 * app's own would be silently replaced. Moved aside, with everything spelled below them.
 */
const COLLECTOR_KEYS = new Set(['time', 'stream', '_p', 'kubernetes', 'kubernetes_namespace']);
/**
 * Trace ids a caller may supply only when the line has no trace context of its own, and only
 * valid by core's rule (lowercase hex of the right length, not all zeros); anything else is
 * moved aside, like every value that cannot go where the caller put it.
 */
const TRACE_ID_RULES: Record<string, (value: string) => boolean> = {
  'trace.id': isValidTraceId,
  'span.id': isValidSpanId,
  'transaction.id': isValidSpanId,
};
const LABEL_KEY_FORBIDDEN = /[.*\\]/g;

const KEY_CACHE_MAX = 2_000;

// Per redactor (and for none), per ECS field path: bounded by the ECS table's size, since only
// paths that are ECS fields are kept. Saves the field lookup, the key quoting and the redactor's
// test per ECS field per line.
const leavesByRedactor = new WeakMap<Redactor, Map<string, EcsLeaf>>();
const leavesUnredacted = new Map<string, EcsLeaf>();

/** The cached facts of an ECS field `path` (which must be one: `ecsField(path)` defined). */
function ecsLeaf(redactor: Redactor | undefined, path: string): EcsLeaf {
  let leaves = redactor === undefined ? leavesUnredacted : leavesByRedactor.get(redactor);
  if (leaves === undefined) {
    leaves = new Map();
    leavesByRedactor.set(redactor!, leaves);
  }
  let leaf = leaves.get(path);
  if (leaf === undefined) {
    const field = ecsField(path)!;
    leaf = {
      field,
      quoted: JSON.stringify(path),
      censored: censorsEcsString(redactor, path, field.type),
    };
    leaves.set(path, leaf);
  }
  return leaf;
}

function classify(ctx: FieldContext, key: string): KeyInfo {
  const cached = ctx.keyCache?.get(key);
  if (cached !== undefined) return cached;
  let kind: KeyKind;
  const dot = key.indexOf('.');
  const root = dot === -1 ? key : key.slice(0, dot);
  if (RESERVED.has(key) || COLLECTOR_KEYS.has(root) || !isUsableKey(key)) kind = KeyKind.Displace;
  else if (key === 'err') kind = KeyKind.Err;
  else if (key === 'error') kind = KeyKind.Error;
  else {
    if (ecsPathKind(root) !== undefined) {
      kind =
        key !== 'labels' &&
        key !== 'tags' &&
        !Object.hasOwn(TRACE_ID_RULES, key) &&
        ecsPathKind(key) === 'field'
          ? KeyKind.EcsLeaf
          : KeyKind.Ecs;
    } else {
      kind = ctx.redactor?.censors(key) ? KeyKind.CustomRedacted : KeyKind.Custom;
    }
  }
  // expandDottedCustomKeys's own test: a usable dotted key whose root is custom.
  const expands =
    dot > 0 && !key.endsWith('.') && !key.includes('..') && isCustomKind(classify(ctx, root).kind);
  const info: KeyInfo = {
    kind,
    quoted: JSON.stringify(key),
    expands,
    leaf: kind === KeyKind.EcsLeaf ? ecsLeaf(ctx.redactor, key) : undefined,
    dotted: dot !== -1,
    boundFor: undefined,
    boundClash: false,
  };
  if (ctx.keyCache !== undefined && ctx.keyCache.size < KEY_CACHE_MAX) ctx.keyCache.set(key, info);
  return info;
}

function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return '[Unreadable]';
  }
}

function safe(ctx: FieldContext, value: unknown, path: string, extraDepth = 0): string | undefined {
  // Dots in the key are object levels to Elasticsearch: they count against the depth cap.
  const depth = (path.includes('.') ? dotCount(path) : 0) + extraDepth;
  return safeJsonAt(value, ctx.redactor, path, depth);
}

/** A custom value at `path`, censored when a name on its path is secret or the path is redacted. */
function customJson(ctx: FieldContext, path: string, value: unknown): string | undefined {
  const r = ctx.redactor;
  if (r?.censors(path)) return JSON.stringify(r.censor);
  return safe(ctx, value, path);
}

/** Moves `value` under `ecotrace.displaced.<key>`. */
export function displace(ctx: FieldContext, key: string, value: unknown): void {
  // Redaction paths still match the caller's path; the namespace adds two levels.
  const r = ctx.redactor;
  const json = r?.censors(key) ? JSON.stringify(r.censor) : safe(ctx, value, key, 2);
  if (json !== undefined) ctx.fields.displace(key, json);
}

/** Writes an error's ECS fields (`err`, `error` or an Error first argument). */
export function addError(ctx: FieldContext, key: string, thrown: unknown): void {
  if (ctx.hasError) {
    displace(ctx, key, thrown);
    return;
  }
  ctx.hasError = true;
  const e = errorFields(thrown);
  const r = ctx.redactor;
  if (r !== undefined) {
    // Credentials that third-party code put in error text (see redact/secret-text.ts).
    if (e.message !== undefined) e.message = r.scrubText(e.message);
    if (e.stack_trace !== undefined) e.stack_trace = r.scrubText(e.stack_trace);
  }
  const fields = new TrustedFields(ERROR_KEYS);
  if (e.type !== undefined) fields.json('error.type', quoteJson(e.type));
  if (e.message !== undefined) fields.json('error.message', quoteJson(e.message));
  if (e.code !== undefined) fields.json('error.code', quoteJson(e.code));
  if (e.stack_trace !== undefined) fields.json('error.stack_trace', JSON.stringify(e.stack_trace));
  addTrustedFields(ctx, fields);
}

/**
 * The fields an error becomes, with their ECS types: as trusted pairs they skip the per-key
 * checks (four `error.*` keys through the general checks were ~20% of an Error line).
 */
export const ERROR_KEYS = new TrustedKeySet({
  'error.type': 'keyword',
  'error.message': 'match_only_text',
  'error.code': 'keyword',
  'error.stack_trace': 'wildcard',
});

function addLabels(ctx: FieldContext, key: string, value: unknown, prefix: string): void {
  if (!isPlainObject(value)) {
    if (prefix === '') displace(ctx, key, value);
    else setLabel(ctx, prefix, value);
    return;
  }
  for (const k of Object.keys(value)) {
    setLabel(ctx, prefix === '' ? k : `${prefix}.${k}`, read(value, k));
  }
}

/** Labels are keyword maps: keys sanitized per the ECS logging spec, values as strings. */
function setLabel(ctx: FieldContext, rawKey: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const key = rawKey.replace(LABEL_KEY_FORBIDDEN, LABEL_KEY_REPLACEMENT);
  const r = ctx.redactor;
  let text: string;
  if (r?.censors(`labels.${rawKey}`)) text = r.censor;
  else if (typeof value === 'string') text = r === undefined ? value : r.scrubText(value);
  else if (typeof value === 'object') text = safe(ctx, value, `labels.${key}`) ?? '';
  else text = String(value);
  ctx.labels ??= Object.create(null) as Record<string, string>;
  if (key in ctx.labels) displace(ctx, `labels.${key}`, text);
  else ctx.labels[key] = text;
}

function addTags(ctx: FieldContext, value: unknown): void {
  const list = Array.isArray(value) ? value : [value];
  ctx.tags ??= [];
  for (let i = 0; i < list.length && i < LIMITS.maxKeys; i++) {
    const item: unknown = list[i];
    if (item === null || item === undefined) continue;
    const text =
      typeof item === 'string'
        ? (ctx.redactor?.scrubText(item) ?? item)
        : (safe(ctx, item, 'tags') ?? '');
    // Elasticsearch indexes keywords up to 1 024 characters (ignore_above).
    ctx.tags.push(truncateChars(text, 1_024));
  }
}

/**
 * Applies the mapping-safety rules to one top-level key of a caller's object (or of a
 * child's bindings). See README "Conflict rules" for the table; in short: reserved and
 * collector keys are displaced, errors become `error.*`, ECS paths are checked and coerced
 * against the ECS 9.4.0 table, custom keys are kept as given.
 */
export function addCallerField(ctx: FieldContext, key: string, value: unknown): void {
  try {
    addField(ctx, key, value);
  } catch {
    // A proxy or exotic object threw while we walked it: keep the key, say why.
    ctx.fields.displace(key, '"[Unreadable]"');
  }
}

function addField(ctx: FieldContext, key: string, value: unknown): void {
  if (value === undefined || typeof value === 'function') return;
  const info = classify(ctx, key);
  switch (info.kind) {
    case KeyKind.Custom: {
      const json = safe(ctx, value, key);
      if (json !== undefined) addCustom(ctx, key, json, info);
      return;
    }
    case KeyKind.CustomRedacted:
      addCustom(ctx, key, JSON.stringify(ctx.redactor!.censor), info);
      return;
    case KeyKind.Displace:
      displace(ctx, key, value);
      return;
    case KeyKind.Err:
      addError(ctx, key, value);
      return;
    case KeyKind.Error:
      if (isPlainObject(value)) addEcsPath(ctx, key, value, 0);
      else addError(ctx, key, value);
      return;
    case KeyKind.EcsLeaf:
      if (value !== null) addEcsLeaf(ctx, key, value, info.leaf!, info);
      return;
    default:
      addEcsPath(ctx, key, value, 0);
  }
}

/**
 * A custom top-level key without dots can only meet the logger's bindings: every other key of a
 * line is the caller's (an object's keys are distinct), an ECS path, `error.*`, a trace id or
 * under `ecotrace.` (reserved, so never custom), and none of those equals it or nests under or
 * over it. So the pair skips the line's key checks unless the bindings hold it (the checks were
 * a third of a custom field's cost, callgrind 2026-12-05).
 */
function addCustom(ctx: FieldContext, key: string, json: string, info: KeyInfo): void {
  const fields = ctx.fields;
  if (info.dotted) {
    fields.add(key, json, info.quoted);
    return;
  }
  if (clashesBound(info, fields.bound, key)) fields.add(key, json, info.quoted);
  else fields.push(key, json, info.quoted);
}

/** Whether `key` clashes with the bindings, remembered in its KeyInfo for the last bindings. */
function clashesBound(info: KeyInfo, bound: BoundKeys | undefined, key: string): boolean {
  if (info.boundFor !== bound) {
    info.boundFor = bound;
    info.boundClash = clashesWithBound(bound, key);
  }
  return info.boundClash;
}

function isCustomKind(kind: KeyKind): boolean {
  return kind === KeyKind.Custom || kind === KeyKind.CustomRedacted;
}

/**
 * Whether a caller's object with this key needs its dotted custom keys expanded and merged
 * (expand-dotted.ts) before the rules run; when no key does, that pass would return the object's
 * own entries in order, so the line skips it.
 */
export function needsExpansion(ctx: FieldContext, key: string): boolean {
  return key.includes('.') && classify(ctx, key).expands;
}

/** Whether a top-level key names a custom (non-ECS, non-reserved) root, cached per logger. */
export function isCustomKey(ctx: FieldContext, key: string): boolean {
  return isCustomKind(classify(ctx, key).kind);
}

/** Elasticsearch rejects empty path segments (`a..b`, `.a`, `a.`) and blank names. */
function isUsableKey(key: string): boolean {
  if (key.trim() === '') return false;
  return !(key.startsWith('.') || key.endsWith('.') || key.includes('..'));
}

function addEcsPath(ctx: FieldContext, path: string, value: unknown, depth: number): void {
  if (value === undefined || value === null || typeof value === 'function') return;
  if (RESERVED.has(path)) {
    displace(ctx, path, value);
    return;
  }
  const kind = ecsPathKind(path);
  if (kind === 'field') {
    addEcsField(ctx, path, value);
    return;
  }
  if (kind === 'parent') {
    if (!isPlainObject(value) || depth > LIMITS.maxDepth) {
      displace(ctx, path, value);
      return;
    }
    for (const k of Object.keys(value)) {
      if (!isUsableKey(k))
        displace(ctx, `${path}.${k.replaceAll('.', '_') || '_'}`, read(value, k));
      else addEcsPath(ctx, `${path}.${k}`, read(value, k), depth + 1);
    }
    return;
  }
  // Below an ECS root but unknown to ECS: custom, unless it sits below an ECS leaf.
  const owner = ownerField(path);
  if (owner === undefined) {
    const json = customJson(ctx, path, value);
    if (json !== undefined) ctx.fields.add(path, json);
  } else if (owner === 'labels') {
    setLabel(ctx, path.slice('labels.'.length), value);
  } else {
    const info = ecsField(owner);
    const json =
      info?.type === 'object' || info?.type === 'flattened'
        ? customJson(ctx, path, value)
        : undefined;
    if (json === undefined) displace(ctx, path, value);
    else ctx.fields.add(path, json);
  }
}

/** The deepest ECS field `path` lies below, if any. */
function ownerField(path: string): string | undefined {
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const prefix = path.slice(0, dot);
    if (ecsField(prefix)) return prefix;
  }
  return undefined;
}

function addEcsField(ctx: FieldContext, path: string, value: unknown): void {
  if (path === 'labels') {
    addLabels(ctx, path, value, '');
    return;
  }
  if (path === 'tags') {
    addTags(ctx, value);
    return;
  }
  const idRule = TRACE_ID_RULES[path];
  if (idRule !== undefined) {
    if (!ctx.traced && typeof value === 'string' && idRule(value)) {
      ctx.fields.add(path, JSON.stringify(value));
    } else displace(ctx, path, value);
    return;
  }
  addEcsLeaf(ctx, path, value, ecsLeaf(ctx.redactor, path));
}

/**
 * An ECS field's value, coerced to its type (else displaced), censored when the key says so.
 * `top`: the KeyInfo when `path` is a top-level key, whose bindings check is then remembered
 * (ECS field names have at most 6 dots, below MAX_KEY_DOTS).
 */
function addEcsLeaf(
  ctx: FieldContext,
  path: string,
  value: unknown,
  leaf: EcsLeaf,
  top?: KeyInfo,
): void {
  const json = ecsValueJson(leaf.field, value, { redactor: ctx.redactor, path, depth: 0 });
  if (json === undefined) {
    displace(ctx, path, value);
    return;
  }
  const text = leaf.censored ? JSON.stringify(ctx.redactor!.censor) : json;
  const fields = ctx.fields;
  if (top === undefined) fields.add(path, text, leaf.quoted);
  else fields.addKnown(path, text, leaf.quoted, clashesBound(top, fields.bound, path));
}

/** Writes the collected `labels` and `tags` (once each) at the end of the line. */
export function finishCollected(ctx: FieldContext): void {
  if (ctx.labels !== undefined) ctx.fields.add('labels', JSON.stringify(ctx.labels));
  if (ctx.tags !== undefined) ctx.fields.add('tags', JSON.stringify(ctx.tags));
}
