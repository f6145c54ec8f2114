import { describe, expect, it } from 'vitest';
import { ilmPolicy } from './ilm-policy.js';
import { kibanaDataView } from './kibana-data-view.js';

describe('ilmPolicy', () => {
  it('rolls over in the hot phase and deletes after 7 days by default', () => {
    expect(ilmPolicy()).toEqual({
      policy: {
        _meta: { managed_by: '@ecotrace/ecs-schema' },
        phases: {
          hot: {
            min_age: '0ms',
            actions: { rollover: { max_primary_shard_size: '50gb', max_age: '1d' } },
          },
          delete: { min_age: '7d', actions: { delete: {} } },
        },
      },
    });
  });

  it('takes retention and rollover limits, or no rollover for daily indices', () => {
    const p = ilmPolicy({ deleteAfter: '30d', rolloverMaxSize: '10gb', rolloverMaxAge: '12h' });
    expect(p.policy.phases.hot.actions).toEqual({
      rollover: { max_primary_shard_size: '10gb', max_age: '12h' },
    });
    expect(p.policy.phases.delete.min_age).toBe('30d');
    expect(ilmPolicy({ rollover: false }).policy.phases.hot.actions).toEqual({});
  });

  it('throws on malformed durations and sizes, naming the option', () => {
    expect(() => ilmPolicy({ deleteAfter: '7 days' })).toThrow(/deleteAfter/);
    expect(() => ilmPolicy({ rolloverMaxAge: '' })).toThrow(/rolloverMaxAge/);
    expect(() => ilmPolicy({ rolloverMaxSize: '50' })).toThrow(/rolloverMaxSize/);
  });
});

describe('kibanaDataView', () => {
  it('is an index-pattern saved object for logs-ecotrace-* linking trace.id to Jaeger', () => {
    const view = kibanaDataView({ jaegerUrl: 'https://jaeger.internal/trace/{{value}}' });
    expect(view).toMatchObject({
      id: 'ecotrace-logs',
      type: 'index-pattern',
      references: [],
      attributes: { title: 'logs-ecotrace-*', timeFieldName: '@timestamp', name: 'ecotrace logs' },
    });
    expect(JSON.parse(view.attributes.fieldFormatMap)).toEqual({
      'trace.id': {
        id: 'url',
        params: {
          urlTemplate: 'https://jaeger.internal/trace/{{value}}',
          labelTemplate: '{{value}}',
          openLinkInCurrentTab: false,
        },
      },
    });
    // one NDJSON line
    expect(JSON.stringify(view)).not.toContain('\n');
  });

  it('defaults to a placeholder Jaeger URL and rejects templates without {{value}}', () => {
    expect(
      JSON.parse(kibanaDataView().attributes.fieldFormatMap)['trace.id'].params.urlTemplate,
    ).toBe('http://jaeger.example/trace/{{value}}');
    expect(() => kibanaDataView({ jaegerUrl: 'http://jaeger/trace/' })).toThrow(/jaegerUrl/);
    expect(() => kibanaDataView({ jaegerUrl: 'javascript:alert({{value}})' })).toThrow(/jaegerUrl/);
    expect(() => kibanaDataView({ id: '' })).toThrow(/id/);
  });
});
