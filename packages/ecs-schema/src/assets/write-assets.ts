import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ASSET_NAME } from './asset-options.js';
import { ilmPolicy } from './ilm-policy.js';
import { indexTemplate } from './index-template.js';
import { kibanaDataView } from './kibana-data-view.js';

/** Options of `writeAssets()`. */
export interface WriteAssetsOptions {
  /** Directory to write into (created if missing). */
  outDir: string;
  /** Delete indices this long after rollover. Default `'7d'`. */
  retention?: string;
  /** Jaeger link template for `trace.id`. Default `'http://jaeger.example/trace/{{value}}'`. */
  jaegerUrl?: string;
  /** Data stream with rollover (`true`) or plain daily indices (`false`). Default `true`. */
  dataStream?: boolean;
  /** Index patterns of the template and the data view. Default `['logs-ecotrace-*']`. */
  indexPatterns?: string[];
  /** Template priority. Default `200`. */
  priority?: number;
}

/**
 * Writes `index-template.json`, `ilm-policy.json` and `kibana-data-view.ndjson` into
 * `outDir`, all built from the same ECS table. Returns the paths written.
 *
 * @example
 * writeAssets({ outDir: 'deploy/elasticsearch', retention: '14d' });
 */
export function writeAssets(options: WriteAssetsOptions): string[] {
  const dataStream = options.dataStream ?? true;
  const files: [string, string][] = [
    [
      'ilm-policy.json',
      json(ilmPolicy({ deleteAfter: options.retention ?? '7d', rollover: dataStream })),
    ],
    [
      'index-template.json',
      json(
        indexTemplate({
          dataStream,
          ilmPolicy: DEFAULT_ASSET_NAME,
          indexPatterns: options.indexPatterns,
          priority: options.priority,
        }),
      ),
    ],
    [
      'kibana-data-view.ndjson',
      `${JSON.stringify(
        kibanaDataView({ jaegerUrl: options.jaegerUrl, title: options.indexPatterns?.join(',') }),
      )}\n`,
    ],
  ];
  mkdirSync(options.outDir, { recursive: true });
  return files.map(([name, text]) => {
    const file = path.join(options.outDir, name);
    writeFileSync(file, text);
    return file;
  });
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
