import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const exec = promisify(execFile);

// No image can be pulled here, so the compose files are validated, not started; the
// scaled topology runs as processes in stickyRouting.int.test.ts, with the same
// deploy/haproxy.cfg.

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

/** `docker-compose config` of `file`, parsed: what compose would run, variables resolved. */
async function composeConfig(file: string, env: Record<string, string>) {
  const { stdout } = await exec('docker-compose', ['-f', file, 'config'], { env: { ...process.env, ...env } });
  return { stdout, services: (parse(stdout) as { services: Record<string, ComposeService> }).services };
}

describe('docker-compose.yml: the scaled deployment', () => {
  const secret = 'a-session-secret-of-enough-length-for-tests';
  let scaled: Awaited<ReturnType<typeof composeConfig>>;
  beforeAll(async () => {
    scaled = await composeConfig('docker-compose.yml', { SESSION_SECRET: secret });
  });

  it('runs official mongo, redis and haproxy images, two room-servers and two judge workers', async () => {
    const { services } = scaled;
    expect(Object.keys(services).sort()).toEqual([
      'haproxy',
      'judge-worker-1',
      'judge-worker-2',
      'mongo',
      'redis',
      'room-server-1',
      'room-server-2',
    ]);
    expect(services.mongo?.image).toMatch(/^mongo:\d/);
    expect(services.redis?.image).toMatch(/^redis:\d/);
    expect(services.haproxy?.image).toMatch(/^haproxy:\d/);
    for (const name of ['room-server-1', 'room-server-2', 'judge-worker-1', 'judge-worker-2']) {
      expect(services[name]?.build, name).toBeDefined();
    }
  });

  it('gives the room-servers the shared database, Redis and session secret, and distinct ids', async () => {
    const { services } = scaled;
    const env = [services['room-server-1']?.environment, services['room-server-2']?.environment];
    for (const e of env) {
      expect(e).toMatchObject({
        MONGODB_URI: 'mongodb://mongo:27017',
        REDIS_URL: 'redis://redis:6379',
        SESSION_SECRET: secret,
        HOST: '0.0.0.0',
        TRUST_PROXY: 'true',
      });
      expect(e?.JUDGE_URL).toBeUndefined();
    }
    expect(new Set(env.map((e) => e?.SERVER_ID))).toEqual(new Set(['room-server-1', 'room-server-2']));
    for (const name of ['room-server-1', 'room-server-2']) {
      expect(services[name]?.depends_on).toEqual({
        mongo: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('gives each judge worker Redis, its own id and a Docker engine, and publishes neither', async () => {
    const { services } = scaled;
    const workers = [services['judge-worker-1'], services['judge-worker-2']];
    for (const worker of workers) {
      expect(worker?.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(worker?.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock:rw');
      expect(worker?.ports).toBeUndefined();
    }
    expect(new Set(workers.map((w) => w?.environment?.JUDGE_WORKER_ID))).toEqual(
      new Set(['judge-worker-1', 'judge-worker-2']),
    );
  });

  it('mounts deploy/haproxy.cfg into HAProxy, pointed at both room-servers, and publishes only HAProxy on loopback', async () => {
    const { services, stdout } = scaled;
    const haproxy = services.haproxy;
    expect(haproxy?.volumes).toEqual([`${process.cwd()}/deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro`]);
    expect(haproxy?.environment).toEqual({
      LISTEN_ADDRESS: ':8080',
      ROOM_SERVER_1: 'room-server-1:8080',
      ROOM_SERVER_2: 'room-server-2:8080',
    });
    for (const name of ['room-server-1', 'room-server-2']) {
      expect(services[name]?.environment?.PORT).toBe('8080');
    }
    expect(haproxy?.ports).toEqual(['127.0.0.1:8080:8080/tcp']);
    expect(stdout.match(/ports:/g)).toHaveLength(1);
    // The file loads in HAProxy with that environment (Debian's haproxy here; names that
    // do not resolve yet leave those servers down until they do, as at a compose start).
    const checked = await exec('/usr/sbin/haproxy', ['-c', '-f', 'deploy/haproxy.cfg'], {
      env: { ...process.env, ...haproxy?.environment },
    });
    expect(checked.stdout).toContain('Configuration file is valid');
  });

  it('checks the health of every long-running part; room-servers on /api/ready', async () => {
    const { services } = scaled;
    for (const name of ['mongo', 'redis', 'room-server-1', 'room-server-2', 'haproxy']) {
      expect(services[name]?.healthcheck?.test, name).toBeDefined();
    }
    expect(services['room-server-1']?.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:8080/api/ready');
    expect(services.haproxy?.healthcheck?.test.join(' ')).toContain('/haproxy/health');
  });

  it('refuses to start without a session secret', async () => {
    const env = { ...process.env };
    delete env.SESSION_SECRET;
    await expect(exec('docker-compose', ['config'], { env })).rejects.toThrow(/SESSION_SECRET/);
  });
});

describe('deploy/compose.single.yml: one machine, no Redis', () => {
  it('is valid and wires room-server to the official mongo image and the judge service', async () => {
    const { stdout } = await composeConfig('deploy/compose.single.yml', {
      JUDGE_TOKEN: 'a-test-token-of-enough-length',
    });
    expect(stdout).toMatch(/image: mongo:\d/);
    expect(stdout).toContain('MONGODB_URI: mongodb://mongo:27017');
    expect(stdout).toContain('JUDGE_URL: http://judge:8081');
    // Only the app is published, and only on loopback; the judge is reachable inside the stack only.
    expect(stdout).toContain('- 127.0.0.1:8080:8080/tcp');
    expect(stdout.match(/ports:/g)).toHaveLength(1);
    expect(stdout).not.toContain('REDIS_URL');
  });

  it('builds the image from the repository root', async () => {
    const { services } = await composeConfig('deploy/compose.single.yml', {
      JUDGE_TOKEN: 'a-test-token-of-enough-length',
    });
    expect(services.app?.build).toEqual({ context: process.cwd() });
  });

  it('refuses to start without a judge token', async () => {
    const env = { ...process.env };
    delete env.JUDGE_TOKEN;
    await expect(exec('docker-compose', ['-f', 'deploy/compose.single.yml', 'config'], { env })).rejects.toThrow(
      /JUDGE_TOKEN/,
    );
  });
});
