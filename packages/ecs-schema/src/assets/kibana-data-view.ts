import { DEFAULT_ASSET_NAME, DEFAULT_INDEX_PATTERN, nameOption } from './asset-options.js';

/** Options of `kibanaDataView()`. */
export interface KibanaDataViewOptions {
  /**
   * Link target for `trace.id`; `{{value}}` is replaced by Kibana with the URL-encoded id.
   * Default `'http://jaeger.example/trace/{{value}}'`.
   */
  jaegerUrl?: string;
  /** Saved object id. Default `'ecotrace-logs'`. */
  id?: string;
  /** Index pattern. Default `'logs-ecotrace-*'`. */
  title?: string;
  /** Display name. Default `'ecotrace logs'`. */
  name?: string;
}

/** A Kibana saved object of type `index-pattern` (a data view), importable as one NDJSON line. */
export interface KibanaDataView {
  id: string;
  type: 'index-pattern';
  attributes: {
    title: string;
    name: string;
    timeFieldName: string;
    /** Kibana stores this map as a JSON string. */
    fieldFormatMap: string;
  };
  references: never[];
}

/**
 * Builds the Kibana data view for the logs, with `trace.id` rendered as a link to Jaeger, so
 * a log line opens its trace in one click. Import it with Kibana's saved objects import API
 * (`POST /api/saved_objects/_import`) as an `.ndjson` file.
 *
 * @example
 * const view = kibanaDataView({ jaegerUrl: 'https://jaeger.internal/trace/{{value}}' });
 * fs.writeFileSync('data-view.ndjson', `${JSON.stringify(view)}\n`);
 */
export function kibanaDataView(options: KibanaDataViewOptions = {}): KibanaDataView {
  const jaegerUrl = options.jaegerUrl ?? 'http://jaeger.example/trace/{{value}}';
  if (typeof jaegerUrl !== 'string' || !jaegerUrl.includes('{{value}}')) {
    throw new TypeError(
      `jaegerUrl must contain {{value}} where the trace id goes, got ${JSON.stringify(jaegerUrl)}`,
    );
  }
  if (!/^(https?:\/\/|\/)/.test(jaegerUrl)) {
    throw new TypeError(
      `jaegerUrl must be an http(s) URL or a path starting with /, got ${JSON.stringify(jaegerUrl)}`,
    );
  }
  const id = nameOption('id', options.id ?? DEFAULT_ASSET_NAME);
  const title = nameOption('title', options.title ?? DEFAULT_INDEX_PATTERN);
  const name = options.name ?? 'ecotrace logs';
  const fieldFormatMap = {
    'trace.id': {
      id: 'url',
      params: { urlTemplate: jaegerUrl, labelTemplate: '{{value}}', openLinkInCurrentTab: false },
    },
  };
  return {
    id,
    type: 'index-pattern',
    attributes: {
      title,
      name,
      timeFieldName: '@timestamp',
      fieldFormatMap: JSON.stringify(fieldFormatMap),
    },
    references: [],
  };
}
