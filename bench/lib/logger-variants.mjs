// How each contender is set up for the logger-throughput and floor scenarios. Every logger
// writes to fd 1, which the parent points at /dev/null (timed) or a pipe (sampling lines), and
// pays for one synchronous write(2) per line: the baselines through pino's sync SonicBoom, ours
// through its default destination (and through the same SonicBoom as `ours-sonic-sync`).
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pinoStyleCall, winstonStyleCall } from './log-calls.mjs';
import { Unavailable } from './worker-io.mjs';

// CJS require on purpose: OTel instrumentations patch modules through require hooks, which see
// require() calls without an ESM loader hook.
const require = createRequire(import.meta.url);

const service = {
  serviceName: 'checkout',
  serviceVersion: '1.4.2',
  serviceEnvironment: 'production',
  serviceNodeName: process.env.HOSTNAME,
};

function syncStdout(pino) {
  return pino.destination({ dest: 1, sync: true });
}

/** ECS-shaped `error` object for plain pino: same facts as ours, via a serializer. */
function ecsErrorSerializer(error) {
  return {
    type: error.name,
    message: error.message,
    code: error.code,
    stack_trace: error.stack,
  };
}

/**
 * Variant builders: `(shape, config) => { newLogger, style? }` or `{ call }` (the floors, which
 * have no logger). `newLogger()` makes one more logger of the variant, so the `fresh` mode can
 * time a logger made after the warm-up; module-level setup (an OTel instrumentation) runs once.
 * @type {Record<string, (shape: string, config: any) => Promise<{ newLogger?: () => any, style?: 'winston', call?: () => void }>>}
 */
export const loggerVariants = {
  async ours() {
    let mod;
    try {
      // BENCH_LOGGER: another build of ours (an A/B snapshot, see instructions.mjs --logger).
      mod = await import(process.env.BENCH_LOGGER ?? '@ecotrace/logger');
    } catch (error) {
      throw new Unavailable(`@ecotrace/logger not built: ${error.message}`);
    }
    if (typeof mod.createLogger !== 'function') {
      throw new Unavailable('@ecotrace/logger does not export createLogger yet');
    }
    // Our default destination: on fd 1 = /dev/null (a character device) it writes every line
    // synchronously with one write(2), like the baselines' sync SonicBoom, only cheaper.
    return { newLogger: () => mod.createLogger() };
  },

  // Ours through exactly the baselines' destination: what our line-building costs on its own.
  async 'ours-sonic-sync'() {
    const { createLogger } = await import('@ecotrace/logger');
    const pino = require('pino');
    return { newLogger: () => createLogger({ destination: syncStdout(pino) }) };
  },

  // Raw pino, its own line format (not ECS): the reference every pino-based logger builds on.
  async pino() {
    const pino = require('pino');
    return { newLogger: () => pino(syncStdout(pino)) };
  },

  // The fair baseline: pino's ordinary options writing the same ECS fields as ours (static
  // fields taken from our own sample line), without our key order or safety guarantees.
  async 'pino-same-line'(_shape, config) {
    const pino = require('pino');
    const base = { ...config.staticFields };
    if ('process.pid' in base) base['process.pid'] = process.pid;
    const options = {
      messageKey: 'message',
      errorKey: 'error',
      base,
      timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ 'log.level': label }) },
      serializers: { error: ecsErrorSerializer },
    };
    if (config.span) {
      const { trace } = require('@opentelemetry/api');
      options.mixin = () => {
        const ctx = trace.getActiveSpan()?.spanContext();
        return ctx ? { 'trace.id': ctx.traceId, 'span.id': ctx.spanId } : {};
      };
    }
    return { newLogger: () => pino(options, syncStdout(pino)) };
  },

  async 'ecs-pino-format'() {
    const pino = require('pino');
    const { ecsFormat } = require('@elastic/ecs-pino-format');
    return {
      newLogger: () => pino(ecsFormat({ ...service, convertErr: true }), syncStdout(pino)),
    };
  },

  // The documented OTel way to correlate pino logs, with its defaults (log correlation and log
  // sending): the instrumentation adds the active span's ids through a mixin; logKeys names
  // them the ECS way so the line matches ours.
  async 'ecs-pino-format+otel'(shape) {
    const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino');
    new PinoInstrumentation({
      logKeys: { traceId: 'trace.id', spanId: 'span.id', traceFlags: 'trace.flags' },
    });
    return loggerVariants['ecs-pino-format'](shape);
  },

  // What a user who only wants correlation configures: no OTel log records. The fair peer of
  // ours inside a span (ours correlates, it does not send log records).
  async 'ecs-pino-format+otel-correlation'(shape) {
    const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino');
    new PinoInstrumentation({
      disableLogSending: true,
      logKeys: { traceId: 'trace.id', spanId: 'span.id', traceFlags: 'trace.flags' },
    });
    return loggerVariants['ecs-pino-format'](shape);
  },

  async 'winston-ecs'() {
    const winston = require('winston');
    const { ecsFormat } = require('@elastic/ecs-winston-format');
    return {
      style: 'winston',
      newLogger: () =>
        winston.createLogger({
          level: 'info',
          format: ecsFormat({ ...service, convertErr: true }),
          transports: [new winston.transports.Console()],
        }),
    };
  },

  async bunyan() {
    const bunyan = require('bunyan');
    return {
      newLogger: () =>
        bunyan.createLogger({
          name: 'checkout',
          streams: [{ stream: process.stdout, level: 'info' }],
          serializers: bunyan.stdSerializers,
        }),
    };
  },

  // The floor: the cost of the write itself, same bytes, same fd, no logger.
  async 'floor-write-sync'(_shape, config) {
    const line = config.line;
    return { call: () => writeSync(1, line) };
  },

  async 'floor-sonic-boom'(_shape, config) {
    const pino = require('pino');
    const destination = syncStdout(pino);
    const line = config.line;
    return { call: () => destination.write(line) };
  },
};

/**
 * The function a worker loop calls for one variant: a new logger of the variant logging `shape`.
 * @param {{ newLogger?: () => any, style?: string, call?: () => void }} built
 * @param {string} shape
 */
export function callFor(built, shape) {
  if (built.call) return built.call;
  const log = built.newLogger();
  return built.style === 'winston' ? winstonStyleCall(log, shape) : pinoStyleCall(log, shape);
}
