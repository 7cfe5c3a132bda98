import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const exec = promisify(execFile);

/** What `npm start` runs, on the suites' database server, with a judge it never reaches. */
function serverEnv(dbName: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: dbName,
    HOST: '127.0.0.1',
    PORT: '0',
    // No run is started here; a remote judge keeps the test off the Docker engine.
    JUDGE_URL: 'http://127.0.0.1:9',
    JUDGE_TOKEN: 'compiled-server-test-token',
  };
}

async function startCompiled(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'room-server/dist/main.mjs'], { env });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const started = /CodeStream is running at (\S+)/.exec(output);
      if (started?.[1]) resolve(started[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  return { child, url };
}

describe('the compiled server (what npm start runs)', () => {
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  const admin = { email: 'compiled-admin@example.org', password: 'a-long-enough-password' };
  let server: { child: ChildProcess; url: string };

  beforeAll(async () => {
    await exec(process.execPath, ['scripts/build-server.mjs']);
    const created = exec(process.execPath, ['room-server/dist/createAdmin.mjs', '--email', admin.email], {
      env: serverEnv(dbName),
    });
    created.child.stdin?.end(`${admin.password}\n`);
    expect((await created).stdout).toContain(`Admin ${admin.email} created.`);
    server = await startCompiled(serverEnv(dbName));
  });

  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('answers health and serves the app at a room address', async () => {
    // Its judge service is never started, and health says so; it still takes people in.
    expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({ database: 'up', judge: 'down' });
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
    const page = await fetch(`${server.url}/r/abcdefghij`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
  });

  it('imports a problem archive in its compiled archive thread', async () => {
    const origin = { origin: server.url };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const zip = zipSync({
      'compiled/problem.yaml': strToU8('name: Compiled\n'),
      'compiled/problem_statement/problem.en.md': strToU8('Echo.'),
      'compiled/data/sample/1.in': strToU8('1\n'),
      'compiled/data/sample/1.ans': strToU8('1\n'),
      'compiled/data/secret/1.in': strToU8('2\n'),
      'compiled/data/secret/1.ans': strToU8('2\n'),
    });
    const imported = await fetch(`${server.url}/api/problems/import`, {
      method: 'POST',
      headers: { ...origin, cookie, 'content-type': 'application/zip' },
      body: zip,
    });
    expect({ status: imported.status, body: await imported.json() }).toMatchObject({
      status: 201,
      body: { slug: 'compiled', samples: 1, hidden: 1 },
    });
  });

  it('stops on SIGINT with exit code 0', async () => {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGINT');
    expect((await exited)[0]).toBe(0);
  });
});
