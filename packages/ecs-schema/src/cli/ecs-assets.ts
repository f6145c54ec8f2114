// `ecs-assets --out <dir> [--data-stream <name>] [--index-pattern <p>]... [--priority <n>]
// [--retention 7d] [--jaeger-url <template>] [--no-data-stream]`: writes the Elasticsearch
// index template, ILM policy and Kibana data view for the logger.
import { parseArgs } from 'node:util';
import {
  DEFAULT_ASSET_NAME,
  DEFAULT_DATA_STREAM,
  matchesIndexPattern,
} from '../assets/asset-options.js';
import { writeAssets } from '../assets/write-assets.js';

const USAGE = `usage: ecs-assets --out <dir> [--data-stream <name>] [--index-pattern <pattern>]... [--priority <n>]
                  [--retention 7d] [--jaeger-url <template>] [--no-data-stream]
Writes index-template.json, ilm-policy.json and kibana-data-view.ndjson.
  --data-stream     the data stream your collector writes (default ${DEFAULT_DATA_STREAM});
                    the default pattern is its <type>-<dataset>-* (logs-ecotrace-*)
  --index-pattern   index pattern of the template and data view (repeatable); must match
                    --data-stream. Default: derived from --data-stream
  --priority        template priority (default 200; above the built-in logs-*-* template's 100)
  --retention       delete indices this long after rollover (default 7d)
  --jaeger-url      trace.id link, {{value}} = the id (default http://jaeger.example/trace/{{value}})
  --no-data-stream  plain daily indices: no data_stream, no rollover in the ILM policy`;

/** `logs-orders-prod` → `logs-orders-*`: the data streams of one type and dataset. */
function patternOf(dataStream: string): string {
  const m = /^([a-z0-9_]+)-([a-z0-9_.]+)-[a-z0-9_.-]+$/.exec(dataStream);
  if (!m) {
    throw new TypeError(
      `--data-stream must be a data stream name <type>-<dataset>-<namespace> in lower case ` +
        `(such as ${DEFAULT_DATA_STREAM}), got ${JSON.stringify(dataStream)}`,
    );
  }
  return `${m[1]}-${m[2]}-*`;
}

function main(): number {
  let values: {
    out?: string;
    retention?: string;
    'jaeger-url'?: string;
    'no-data-stream'?: boolean;
    'data-stream'?: string;
    'index-pattern'?: string[];
    priority?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string', short: 'o' },
        retention: { type: 'string' },
        'jaeger-url': { type: 'string' },
        'no-data-stream': { type: 'boolean' },
        'data-stream': { type: 'string' },
        'index-pattern': { type: 'string', multiple: true },
        priority: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    process.stderr.write(`ecs-assets: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) {
    process.stderr.write(`ecs-assets: --out is required\n${USAGE}\n`);
    return 2;
  }
  try {
    const dataStream = values['data-stream'] ?? DEFAULT_DATA_STREAM;
    const indexPatterns = values['index-pattern'] ?? [patternOf(dataStream)];
    if (!indexPatterns.some((p) => matchesIndexPattern(p, dataStream))) {
      throw new TypeError(
        `--index-pattern ${indexPatterns.join(', ')} does not match the data stream ${dataStream}: ` +
          'the template would not apply to it (set --data-stream too)',
      );
    }
    let priority: number | undefined;
    if (values.priority !== undefined) {
      if (!/^\d+$/.test(values.priority)) {
        throw new TypeError(
          `--priority must be an integer >= 0, got ${JSON.stringify(values.priority)}`,
        );
      }
      priority = Number(values.priority);
    }
    const files = writeAssets({
      outDir: values.out,
      retention: values.retention,
      jaegerUrl: values['jaeger-url'],
      dataStream: !values['no-data-stream'],
      indexPatterns,
      priority,
    });
    const [ilm, template, view] = files;
    process.stdout.write(
      `${files.map((f) => `wrote ${f}`).join('\n')}\n\nApply with:\n` +
        `  curl -X PUT "$ES/_ilm/policy/${DEFAULT_ASSET_NAME}" -H 'Content-Type: application/json' -d @${ilm}\n` +
        `  curl -X PUT "$ES/_index_template/${DEFAULT_ASSET_NAME}" -H 'Content-Type: application/json' -d @${template}\n` +
        `  curl -X POST "$KIBANA/api/saved_objects/_import?overwrite=true" -H 'kbn-xsrf: true' -F file=@${view}\n` +
        `The template covers ${indexPatterns.join(', ')}; have the collector write ${dataStream}\n` +
        `(Fluent Bit: ELASTICSEARCH_DATA_STREAM=${dataStream}).\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`ecs-assets: ${(err as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main();
