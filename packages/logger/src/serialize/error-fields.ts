import { LIMITS } from './limits.js';
import { truncateChars } from './truncate.js';

/** The ECS error fields one thrown value becomes. */
export interface ErrorFields {
  type?: string;
  message?: string;
  stack_trace?: string;
  code?: string;
}

/** Reads a property without ever throwing (getters and proxies may). */
function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  try {
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  } catch {
    return String(Object.prototype.toString.call(value));
  }
}

function typeName(err: object): string | undefined {
  const name = read(err, 'name');
  if (typeof name === 'string' && name !== '') return name;
  const ctor = read(err, 'constructor') as { name?: unknown } | undefined;
  return typeof ctor?.name === 'string' && ctor.name !== 'Object' ? ctor.name : undefined;
}

/** One error as stack-trace text: its stack, or `Type: message` when it has none. */
function describe(err: unknown): string {
  if (err === null || typeof err !== 'object') return text(err) ?? String(err);
  const stack = read(err, 'stack');
  if (typeof stack === 'string' && stack !== '') return stack;
  const type = typeName(err) ?? 'Error';
  return `${type}: ${text(read(err, 'message')) ?? ''}`;
}

/**
 * The errors met so far on one error's chain: the error itself, and a set made only once a
 * cause or aggregated child shows up (most errors have neither; a Set per line was measurable).
 */
interface Seen {
  root: object;
  set: Set<object> | undefined;
}

function seenHas(seen: Seen, value: object): boolean {
  return value === seen.root || seen.set?.has(value) === true;
}

function seenAdd(seen: Seen, value: object): void {
  seen.set ??= new Set();
  seen.set.add(value);
}

/**
 * Appends the `cause` chain and AggregateError children to a stack trace, the way Java and
 * .NET print them ("Caused by: …"), so Kibana shows the whole story in one field. Bounded in
 * depth and children; `seen` breaks cycles (`a.cause = a`).
 */
function appendRelated(err: object, depth: number, seen: Seen, indent: string): string {
  if (depth >= LIMITS.maxCauseDepth) return '';
  let out = '';
  const errors = read(err, 'errors');
  if (Array.isArray(errors)) {
    const n = Math.min(errors.length, LIMITS.maxAggregateChildren);
    for (let i = 0; i < n; i++) {
      const child: unknown = errors[i];
      if (typeof child === 'object' && child !== null && seenHas(seen, child)) continue;
      out += `\n${indent}Aggregated error [${i}]: ${indentLines(describe(child), `${indent}  `)}`;
      if (typeof child === 'object' && child !== null) {
        seenAdd(seen, child);
        out += appendRelated(child, depth + 1, seen, `${indent}  `);
      }
    }
    if (errors.length > n) out += `\n${indent}… ${errors.length - n} more aggregated errors`;
  }
  const cause = read(err, 'cause');
  if (cause !== undefined && cause !== null) {
    if (typeof cause === 'object' && seenHas(seen, cause))
      return `${out}\n${indent}Caused by: [Circular]`;
    out += `\n${indent}Caused by: ${indentLines(describe(cause), indent)}`;
    if (typeof cause === 'object') {
      seenAdd(seen, cause);
      out += appendRelated(cause, depth + 1, seen, indent);
    }
  }
  return out;
}

function indentLines(textValue: string, indent: string): string {
  return indent === '' ? textValue : textValue.replaceAll('\n', `\n${indent}`);
}

/**
 * Turns anything thrown into ECS error fields. Error instances and error-like objects give
 * type/message/stack/code; strings and other values give `error.message`. Never throws.
 *
 * @example
 * errorFields(Object.assign(new Error('no db', { cause: new Error('ECONNREFUSED') }), { code: 42 }));
 * // { type: 'Error', message: 'no db', stack_trace: 'Error: no db\n    at …\nCaused by: Error: ECONNREFUSED…', code: '42' }
 * errorFields('boom'); // { message: 'boom' }
 */
export function errorFields(thrown: unknown): ErrorFields {
  try {
    if (thrown === null || typeof thrown !== 'object') {
      const message = text(thrown);
      return message === undefined ? {} : { message };
    }
    const fields: ErrorFields = {};
    const type = typeName(thrown);
    if (type !== undefined) fields.type = type;
    const message = text(read(thrown, 'message'));
    if (message !== undefined) fields.message = message;
    const code = read(thrown, 'code');
    if (code !== undefined && code !== null) fields.code = text(code) ?? '';
    const stack = read(thrown, 'stack');
    const related = appendRelated(thrown, 0, { root: thrown, set: undefined }, '');
    if (typeof stack === 'string' || related !== '') {
      const own = typeof stack === 'string' ? stack : describe(thrown);
      fields.stack_trace = truncateChars(own + related, LIMITS.maxStackChars);
    }
    if (fields.message === undefined && fields.type === undefined) fields.message = text(thrown);
    return fields;
  } catch {
    return { message: '[Unreadable error]' };
  }
}
