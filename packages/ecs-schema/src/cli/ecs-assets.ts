// `ecs-assets --out <dir> [--retention 7d] [--jaeger-url <template>] [--no-data-stream]`:
// writes the Elasticsearch index template, ILM policy and Kibana data view for the logger.
import { parseArgs } from 'node:util';
import { DEFAULT_ASSET_NAME } from '../assets/asset-options.js';
import { writeAssets } from '../assets/write-assets.js';

const USAGE = `usage: ecs-assets --out <dir> [--retention 7d] [--jaeger-url <template>] [--no-data-stream]
Writes index-template.json, ilm-policy.json and kibana-data-view.ndjson.
  --retention       delete indices this long after rollover (default 7d)
  --jaeger-url      trace.id link, {{value}} = the id (default http://jaeger.example/trace/{{value}})
  --no-data-stream  plain daily indices: no data_stream, no rollover in the ILM policy`;

function main(): number {
  let values: {
    out?: string;
    retention?: string;
    'jaeger-url'?: string;
    'no-data-stream'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string', short: 'o' },
        retention: { type: 'string' },
        'jaeger-url': { type: 'string' },
        'no-data-stream': { type: 'boolean' },
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
    const files = writeAssets({
      outDir: values.out,
      retention: values.retention,
      jaegerUrl: values['jaeger-url'],
      dataStream: !values['no-data-stream'],
    });
    const [ilm, template, view] = files;
    process.stdout.write(
      `${files.map((f) => `wrote ${f}`).join('\n')}\n\nApply with:\n` +
        `  curl -X PUT "$ES/_ilm/policy/${DEFAULT_ASSET_NAME}" -H 'Content-Type: application/json' -d @${ilm}\n` +
        `  curl -X PUT "$ES/_index_template/${DEFAULT_ASSET_NAME}" -H 'Content-Type: application/json' -d @${template}\n` +
        `  curl -X POST "$KIBANA/api/saved_objects/_import?overwrite=true" -H 'kbn-xsrf: true' -F file=@${view}\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`ecs-assets: ${(err as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main();
