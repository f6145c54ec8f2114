import { getTracingState, loggerService, setTracingState } from '@ecotrace/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './index.js';

function firstLine(options: Parameters<typeof createLogger>[0]): Record<string, unknown> {
  const lines: string[] = [];
  const log = createLogger({ ...options, destination: { write: (s: string) => lines.push(s) } });
  log.info('x');
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

const tracing = {
  name: 'checkout',
  version: '2.0.0',
  namespace: 'shop',
  hostname: 'pod-1',
  nodeName: 'pod-1',
};

afterEach(() => setTracingState(undefined));

describe('service identity shared with tracing (issue 17 item 6)', () => {
  it('adopts the service tracing published when given no service option', () => {
    setTracingState({ started: true, serviceName: 'checkout', service: tracing });
    expect(getTracingState()?.service).toBe(tracing);
    expect(firstLine({})).toMatchObject({
      'service.name': 'checkout',
      'service.version': '2.0.0',
      'service.namespace': 'shop',
      'service.node.name': 'pod-1',
      'host.hostname': 'pod-1',
      'event.dataset': 'checkout',
    });
  });
  it('keeps explicit fields, takes the rest from tracing, and publishes what it writes', () => {
    setTracingState({ started: true, serviceName: 'checkout', service: tracing });
    // What is published is the root logger's service (a later logger becomes the root only
    // when asked, issue 18).
    const line = firstLine({ service: { name: ' checkout ', version: '2.1.0' }, root: true });
    expect(line).toMatchObject({
      'service.name': 'checkout',
      'service.version': '2.1.0',
      'service.namespace': 'shop',
    });
    expect(loggerService()?.explicit).toEqual({ name: 'checkout', version: '2.1.0' });
    expect(loggerService()?.identity.version).toBe('2.1.0');
  });
  it('without tracing resolves from options and env as before', () => {
    expect(firstLine({ service: { name: 'solo' } })['service.name']).toBe('solo');
  });
});
