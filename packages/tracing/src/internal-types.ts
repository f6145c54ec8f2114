import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { InstrumentationSettings } from './instrumentations.js';
import type { PropagatorName } from './propagation/from-names.js';

export type ResolvedExporter =
  | { kind: 'otlp'; url: string; protocol: 'http/protobuf' | 'http/json' }
  | { kind: 'zipkin'; url: string }
  | { kind: 'console' }
  | { kind: 'none' };

/** Options and OTEL_* variables, validated and merged. */
export interface ResolvedConfig {
  disabled: boolean;
  serviceName?: string;
  serviceVersion?: string;
  environment?: string;
  exporter: ResolvedExporter;
  propagators: PropagatorName[];
  sampler: Sampler;
  instrumentations: Instrumentation[];
  instrumentationConfig: Readonly<Record<string, InstrumentationSettings | undefined>>;
  healthPaths: readonly string[];
  maxQueueSize: number;
  shutdownTimeoutMs: number;
  handleSignals: boolean;
}
