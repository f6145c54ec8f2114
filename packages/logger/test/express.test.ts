import express5 from 'express';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';
import { ecsLogging } from '../src/express/index.js';
import { expressApp } from './http-apps.js';
import { describeHttpScenarios } from './http-scenarios.js';

describeHttpScenarios('Express 5', expressApp(express5, 5));
describeHttpScenarios('Express 4', expressApp(express4, 4));

describe('ecsLogging (Express)', () => {
  it('returns a middleware named after the factory and rejects bad options', () => {
    expect(ecsLogging().name).toBe('ecsLogging');
    expect(() => ecsLogging({ trustProxy: 'yes' as never })).toThrow(
      /ecsLogging: options\.trustProxy/,
    );
  });
});
