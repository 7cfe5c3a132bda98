import { readFileSync } from 'node:fs';
import { judgeServiceConfigTable, judgeWorkerConfigTable } from '@codestream/judge';
import { ConfigError } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { loadRoomServerConfig, roomServerConfigTable } from './config.ts';

describe('room-server configuration', () => {
  it('has defaults for a local start', () => {
    const config = loadRoomServerConfig({});
    expect(config).toMatchObject({ HOST: '127.0.0.1', PORT: 8080, MONGODB_URI: undefined, JUDGE_URL: undefined });
  });

  it('lists every bad key at once', () => {
    try {
      loadRoomServerConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', UPDATE_LOG_BATCH_MS: '-1' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const key of ['PORT', 'MONGODB_URI', 'UPDATE_LOG_BATCH_MS']) expect(problems).toContain(key);
    }
  });

  it('requires a token with a judge URL', () => {
    expect(() => loadRoomServerConfig({ JUDGE_URL: 'http://127.0.0.1:8081' })).toThrow(/JUDGE_TOKEN/);
  });

  it('takes a Redis URL only', () => {
    expect(loadRoomServerConfig({ REDIS_URL: 'rediss://cache.example.org:6380' }).REDIS_URL).toBe(
      'rediss://cache.example.org:6380',
    );
    expect(() => loadRoomServerConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });

  it('takes single sign-on settings complete, over https unless the issuer is on this machine', () => {
    const oidc = { OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret' };
    expect(loadRoomServerConfig({ OIDC_ISSUER: 'https://id.example.org', ...oidc }).OIDC_ISSUER).toBe(
      'https://id.example.org',
    );
    expect(loadRoomServerConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', ...oidc }).OIDC_NAME).toBe('single sign-on');
    expect(() => loadRoomServerConfig({ OIDC_ISSUER: 'http://id.example.org', ...oidc })).toThrow(/https/);
    expect(() => loadRoomServerConfig({ OIDC_ISSUER: 'https://id.example.org' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadRoomServerConfig({ GITHUB_CLIENT_ID: 'id' })).toThrow(/GITHUB_CLIENT_SECRET/);
    expect(() => loadRoomServerConfig({ SSO_ONLY: 'true' })).toThrow(/SSO_ONLY needs/);
  });

  it('is documented in the README, key by key', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const key of [
      ...Object.keys(roomServerConfigTable),
      ...Object.keys(judgeServiceConfigTable),
      ...Object.keys(judgeWorkerConfigTable),
    ]) {
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${key}\`\\s*\\|`));
    }
  });
});
