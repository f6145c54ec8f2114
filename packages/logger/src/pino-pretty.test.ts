// Local development: our lines pretty-print with pino-pretty told where ECS keeps the
// message, level and time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pretty from 'pino-pretty';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

describe('pino-pretty', () => {
  it('prints the message, level and fields of our lines', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const stream = pretty({
      messageKey: 'message',
      // pino-pretty reads dots as nesting; ECS writes the dotted key itself.
      levelKey: 'log\\.level',
      timestampKey: '@timestamp',
      colorize: false,
      sync: true,
      destination: sink,
    });
    const log = createLogger({
      destination: stream,
      handleExit: false,
      service: { name: 'pretty' },
    });
    log.child({ name: 'db' }).warn({ order: { id: 'A-1' } }, 'order placed');
    expect(out).toMatch(/WARN/);
    expect(out).toMatch(/order placed/);
    expect(out).toMatch(/A-1/);
  });
});

// The options the README gives, so the documentation cannot drift from what pino-pretty does.
const IGNORE =
  'ecs\\.version,service\\.name,service\\.version,event\\.dataset,host\\.hostname,process\\.pid';
const messageFormat = (line: Record<string, unknown>, key: string): string =>
  line['error.stack_trace'] ? `${line[key]}\n${line['error.stack_trace']}` : `${line[key]}`;

function ecsLines(): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const log = createLogger({ destination: sink, handleExit: false, service: { name: 'pretty' } });
  log.info({ order: { id: 'A-1' } }, 'order placed');
  log.error(new Error('card declined'), 'payment failed');
  return out;
}

describe('pino-pretty with the README options', () => {
  it('in code: drops the constant fields, prints the stack trace on lines of its own', () => {
    let out = '';
    const stream = pretty({
      messageKey: 'message',
      levelKey: 'log\\.level',
      timestampKey: '@timestamp',
      ignore: `${IGNORE},error\\.stack_trace`,
      messageFormat,
      colorize: false,
      sync: true,
      destination: new Writable({
        write(chunk, _enc, done) {
          out += String(chunk);
          done();
        },
      }),
    });
    for (const line of ecsLines().trim().split('\n')) stream.write(`${line}\n`);
    expect(out).toMatch(/INFO: order placed\n/);
    expect(out).toMatch(/ERROR: payment failed\nError: card declined\n {4}at /);
    expect(out).not.toMatch(/ecs\.version|service\.name|process\.pid|stack_trace/);
  });

  it('CLI: the flags, and pino-pretty.config.cjs for multi-line stack traces', () => {
    const bin = createRequire(import.meta.url).resolve('pino-pretty/bin.js');
    const input = ecsLines();
    const dir = mkdtempSync(join(tmpdir(), 'ecotrace-pretty-'));
    try {
      const flags = execFileSync(
        process.execPath,
        [bin, '--no-colorize', '--messageKey', 'message', '--levelKey', 'log\\.level'].concat([
          '--timestampKey',
          '@timestamp',
          '--ignore',
          IGNORE,
        ]),
        { input, cwd: dir, encoding: 'utf8' },
      );
      expect(flags).toMatch(/INFO: order placed\n/);
      expect(flags).toMatch(/error\.stack_trace: "Error: card declined\\n {4}at /);
      expect(flags).not.toMatch(/ecs\.version|process\.pid/);

      writeFileSync(
        join(dir, 'pino-pretty.config.cjs'),
        `module.exports = {
  messageKey: 'message',
  levelKey: 'log\\\\.level',
  timestampKey: '@timestamp',
  ignore: '${IGNORE.replaceAll('\\', '\\\\')},error\\\\.stack_trace',
  messageFormat: (line, key) =>
    line['error.stack_trace'] ? \`\${line[key]}\\n\${line['error.stack_trace']}\` : \`\${line[key]}\`,
};
`,
      );
      const config = execFileSync(process.execPath, [bin, '--no-colorize'], {
        input,
        cwd: dir,
        encoding: 'utf8',
      });
      expect(config).toMatch(/ERROR: payment failed\nError: card declined\n {4}at /);
      expect(config).not.toMatch(/stack_trace|ecs\.version/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
