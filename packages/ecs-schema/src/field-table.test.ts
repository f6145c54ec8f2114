import { EcsFlat } from '@elastic/ecs';
import { describe, expect, it } from 'vitest';
import { ecsField, ecsFieldNames, ecsPathKind } from './field-table.js';
import { ECS_VERSION } from './generated/ecs-fields.js';
import { LABEL_KEY_FORBIDDEN_CHARS, LEADING_KEY_ORDER, REQUIRED_FIELDS } from './logging-spec.js';

interface FlatField {
  type: string;
  normalize?: string[];
  allowed_values?: { name: string }[];
  pattern?: string;
  object_type?: string;
  ignore_above?: number;
  multi_fields?: { name: string; type: string }[];
}

// The source of truth, Elastic's own table in npm @elastic/ecs (the dev dependency the generator
// reads), compared field by field with what the compact table decodes to, so a bug in the
// encoding or the decoding shows here.
const flat = EcsFlat as unknown as Record<string, FlatField>;

describe('ecsField', () => {
  it('decodes every field of @elastic/ecs EcsFlat with the same facts', () => {
    const names = Object.keys(flat);
    expect(ecsFieldNames()).toEqual([...names].sort());
    for (const name of names) {
      const src = flat[name]!;
      const info = ecsField(name);
      expect(info, name).toBeDefined();
      expect(info!.name).toBe(name);
      expect(info!.type, name).toBe(src.type);
      expect(info!.array, name).toBe((src.normalize ?? []).includes('array'));
      expect(info!.allowedValues, name).toEqual(src.allowed_values?.map((v) => v.name));
      expect(info!.pattern, name).toBe(src.pattern);
      expect(info!.objectType, name).toBe(src.object_type);
      expect(info!.ignoreAbove, name).toBe(src.ignore_above);
      expect(info!.multiFields, name).toEqual(
        src.multi_fields?.map(({ name: n, type }) => ({ name: n, type })),
      );
    }
  });

  it('answers the fields the logger writes', () => {
    expect(ECS_VERSION).toBe('9.4.0');
    expect(ecsField('@timestamp')?.type).toBe('date');
    expect(ecsField('message')?.type).toBe('match_only_text');
    expect(ecsField('tags')).toMatchObject({ type: 'keyword', array: true });
    expect(ecsField('labels')).toMatchObject({ type: 'object', objectType: 'keyword' });
    expect(ecsField('event.outcome')?.allowedValues).toEqual(['failure', 'success', 'unknown']);
    expect(ecsField('error.stack_trace')?.type).toBe('wildcard');
    expect(ecsField('event.original')?.indexed).toBe(false);
    expect(ecsField('host.cpu.usage')?.scalingFactor).toBe(1000);
    expect(ecsField('order.id')).toBeUndefined();
    expect(ecsField('http')).toBeUndefined();
    expect(Object.isFrozen(ecsField('trace.id'))).toBe(true);
  });
});

describe('ecsPathKind', () => {
  it('tells fields, parents and custom paths apart', () => {
    expect(ecsPathKind('log.level')).toBe('field');
    expect(ecsPathKind('labels')).toBe('field');
    expect(ecsPathKind('dns.answers')).toBe('field'); // object with listed sub-fields
    expect(ecsPathKind('dns.answers.name')).toBe('field');
    expect(ecsPathKind('http')).toBe('parent');
    expect(ecsPathKind('http.request')).toBe('parent');
    expect(ecsPathKind('error')).toBe('parent');
    expect(ecsPathKind('log')).toBe('parent');
    expect(ecsPathKind('order')).toBeUndefined();
    expect(ecsPathKind('trace.id.x')).toBeUndefined();
    expect(ecsPathKind('')).toBeUndefined();
  });
});

describe('logging spec', () => {
  it('exposes required fields, key order and label rules', () => {
    expect(REQUIRED_FIELDS).toEqual(['@timestamp', 'log.level', 'ecs.version']);
    expect(LEADING_KEY_ORDER).toEqual(['@timestamp', 'log.level', 'message']);
    expect(LABEL_KEY_FORBIDDEN_CHARS).toEqual(['.', '*', '\\']);
  });
});
