import { hostname } from 'node:os';
import { ConfigError } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import {
  dockerJudgeOptionsFromConfig,
  loadJudgeServiceConfig,
  loadJudgeWorkerConfig,
  loadSandboxConfig,
} from './config.ts';

describe('judge config', () => {
  it('has working defaults without any env', () => {
    const config = loadJudgeServiceConfig({});
    expect(config).toMatchObject({
      JUDGE_TIME_LIMIT_MS: 10_000,
      JUDGE_HOST: '127.0.0.1',
      JUDGE_PORT: 8081,
      JUDGE_TOKEN: undefined,
    });
    expect(dockerJudgeOptionsFromConfig(config).maxLimits).toEqual({
      timeMs: 10_000,
      memoryMb: 256,
      outputBytes: 65_536,
    });
  });

  it('lists every bad key at once', () => {
    try {
      loadJudgeServiceConfig({ JUDGE_CPUS: '-1', JUDGE_PORT: 'x', JUDGE_TOKEN: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.split('=')[0])).toEqual([
        'JUDGE_CPUS',
        'JUDGE_PORT',
        'JUDGE_TOKEN',
      ]);
    }
  });

  it('accepts fractional CPUs', () => {
    expect(loadSandboxConfig({ JUDGE_CPUS: '0.5' }).JUDGE_CPUS).toBe(0.5);
  });

  it('requires REDIS_URL of a judge worker and names it by the host unless told', () => {
    expect(() => loadJudgeWorkerConfig({})).toThrow(/REDIS_URL is required/);
    const config = loadJudgeWorkerConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', JUDGE_WORKER_ID: hostname() });
    expect(loadJudgeWorkerConfig({ REDIS_URL: 'redis://r', JUDGE_WORKER_ID: 'judge-2' }).JUDGE_WORKER_ID).toBe(
      'judge-2',
    );
  });

  it('refuses a worker id that cannot be a label value and a key part', () => {
    for (const bad of ['two words', 'a:b', 'x'.repeat(65)]) {
      expect(() => loadJudgeWorkerConfig({ REDIS_URL: 'redis://r', JUDGE_WORKER_ID: bad })).toThrow(/JUDGE_WORKER_ID/);
    }
    expect(() => loadJudgeWorkerConfig({ REDIS_URL: 'http://r' })).toThrow(/REDIS_URL/);
  });
});
