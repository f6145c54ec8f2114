import type { Redactor } from '../redact/redactor.js';
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
}

export interface KeyInfo {
  kind: KeyKind;
  /** `JSON.stringify(key)`, reused for every line. */
  quoted: string;
}

/** Classifications of the top-level keys a logger has seen (bounded: keys may be data). */
export type KeyCache = Map<string, KeyInfo>;
