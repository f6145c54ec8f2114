import type { EcsFieldInfo } from '@ecotrace/ecs-schema';
import type { Redactor } from '../redact/redactor.js';
import type { BoundKeys } from './bound-keys.js';
import type { LineFields } from './line-fields.js';

/** Per-line state shared by the mapping rules (mapping-rules.ts) and prechecked pairs. */
export interface FieldContext {
  fields: LineFields;
  redactor: Redactor | undefined;
  /** True when this line already carries trace ids from the span or request context. */
  traced: boolean;
  /** `labels` collected from every spelling (`labels`, `labels.x`), written once at the end. */
  labels?: Record<string, string>;
  /** `tags` collected, written once at the end (the line cap may add `log_truncated`). */
  tags?: string[];
  /** Set once error fields came from an error; a second error source is displaced. */
  hasError?: boolean;
  /** Per-logger cache of top-level key classifications (see `classify`). */
  keyCache?: KeyCache;
}

/** How a top-level key is handled; depends only on the key and the logger's redactor. */
export enum KeyKind {
  Displace,
  Err,
  Error,
  Custom,
  CustomRedacted,
  Ecs,
  /** An ECS field other than labels, tags and the trace ids: checked against its type only. */
  EcsLeaf,
}

export interface KeyInfo {
  kind: KeyKind;
  /** `JSON.stringify(key)`, reused for every line. */
  quoted: string;
  /** A dotted key below a custom root: the object's keys go through expandDottedCustomKeys. */
  expands: boolean;
  /** For EcsLeaf: the field and whether the redactor censors it. */
  leaf: EcsLeaf | undefined;
  /** Whether the key has a dot. */
  dotted: boolean;
  /** The bindings `boundClash` was last worked out for (children share the cache). */
  boundFor: BoundKeys | undefined;
  /** Whether the key clashes with the bindings `boundFor` (mapping-rules.ts, `addCustom`). */
  boundClash: boolean;
}

/** An ECS field path as the rules use it, worked out once per path and redactor. */
export interface EcsLeaf {
  field: EcsFieldInfo;
  /** `JSON.stringify(path)`. */
  quoted: string;
  /** Whether the redactor censors the field (a string field with a secret name or path). */
  censored: boolean;
}

/** Classifications of the top-level keys a logger has seen (bounded: keys may be data). */
export type KeyCache = Map<string, KeyInfo>;
