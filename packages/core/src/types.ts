/**
 * The result of reading the trace headers of one inbound request.
 * The rules are the contract in docs/trace-context.md (R0–R6).
 */
export interface TraceContextExtraction {
  /** True when a remote parent (trace id + span id) was found. */
  valid: boolean;
  /** 32 lowercase hex chars (64-bit ids left-padded with zeros); null when not valid. */
  traceId: string | null;
  /** 16 lowercase hex chars: the caller's span id, i.e. the parent of our server span; null when not valid. */
  spanId: string | null;
  /** true = accept, false = deny, null = deferred (no decision sent). */
  sampled: boolean | null;
  /** B3 debug (`x-b3-flags: 1` or `b3` sampling field `d`); debug implies sampled. */
  debug: boolean;
}

/** Headers as Node gives them (lowercase names), or any plain record of the same shape. */
export type HeaderRecord = Readonly<Record<string, string | string[] | undefined>>;

/** Who this process is: shared by the logger's `service.*` fields and the spans' resource. */
export interface ServiceIdentity {
  /** `service.name`. */
  name: string;
  /** `service.version`. */
  version?: string;
  /** `service.environment` / `deployment.environment.name`. */
  environment?: string;
  /** `service.namespace`. */
  namespace?: string;
  /** `service.node.name`: the pod name (`HOSTNAME`) when set. */
  nodeName?: string;
  /** `host.hostname`: `HOSTNAME` (the pod name in Kubernetes), else `os.hostname()`. */
  hostname: string;
}

/** Explicit values; each one wins over the environment. */
export interface ServiceIdentityOptions {
  name?: string;
  version?: string;
  environment?: string;
  namespace?: string;
  /** Where to start looking for the app's package.json. Default: `process.cwd()`. */
  cwd?: string;
}

/** What `startTracing()` publishes on `globalThis[Symbol.for('ecotrace.tracing')]`. */
export interface TracingState {
  started: true;
  serviceName: string;
  /**
   * The one service identity tracing resolved for its resource. The logger adopts it so logs and
   * spans name the same service (optional only so that a state published by an older copy of
   * the tracing package still reads as valid).
   */
  service?: ServiceIdentity;
}
