/**
 * Bounds applied while serializing caller data. Fixed rather than configurable: they exist to
 * keep one bad call from producing a document Elasticsearch rejects (mapping depth limit 20)
 * or a line containerd splits, not to shape normal output.
 */
export const LIMITS = Object.freeze({
  /** Levels below a custom root before values are replaced by "[Depth limit]" (ES limit is 20). */
  maxDepth: 10,
  /** Characters kept of one string value before the line cap even looks at it. */
  maxStringChars: 8_192,
  /** Keys read from one object / items from one array. */
  maxKeys: 200,
  /** Links of an error's `cause` chain (and levels of AggregateError children) kept. */
  maxCauseDepth: 5,
  /** AggregateError children kept per level. */
  maxAggregateChildren: 10,
  /** Characters of `error.stack_trace` kept before the line cap. */
  maxStackChars: 8_192,
});

/** Placeholders written where a value cannot be serialized as given. */
export const PLACEHOLDER = Object.freeze({
  circular: '[Circular]',
  unreadable: '[Unreadable]',
  depth: '[Depth limit]',
  redacted: '[REDACTED]',
});
