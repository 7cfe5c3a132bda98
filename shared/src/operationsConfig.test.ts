import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { isLoopbackHost, operationsConfigProblems, operationsConfigTable } from './operationsConfig.ts';

describe('operations keys', () => {
  it('log at info and expose no metrics by default', () => {
    expect(loadConfig(operationsConfigTable, {})).toEqual({
      LOG_LEVEL: 'info',
      METRICS_TOKEN: undefined,
      METRICS_PORT: undefined,
      METRICS_HOST: '127.0.0.1',
    });
  });

  it('refuse an unknown level and a short token', () => {
    expect(() => loadConfig(operationsConfigTable, { LOG_LEVEL: 'loud', METRICS_TOKEN: 'short' })).toThrow(
      /LOG_LEVEL[\s\S]*METRICS_TOKEN="short": expected at least 16 characters/,
    );
  });

  it('require a token for a metrics listener other machines can reach', () => {
    expect(operationsConfigProblems({ METRICS_HOST: '0.0.0.0' })).toEqual([
      'METRICS_HOST=0.0.0.0 is reachable from other machines: set METRICS_TOKEN too',
    ]);
    expect(operationsConfigProblems({ METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'x'.repeat(16) })).toEqual([]);
    expect(operationsConfigProblems({ METRICS_HOST: '::1' })).toEqual([]);
  });

  it('tell loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.org', '127.0.0.1.example.org']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
