import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);

// No image can be pulled here, so the compose file is validated, not started.
describe('docker-compose.yml', () => {
  it('is valid and wires room-server to the official mongo image and the judge service', async () => {
    const { stdout } = await exec('docker-compose', ['config'], {
      env: { ...process.env, JUDGE_TOKEN: 'a-test-token-of-enough-length' },
    });
    expect(stdout).toMatch(/image: mongo:\d/);
    expect(stdout).toContain('MONGODB_URI: mongodb://mongo:27017');
    expect(stdout).toContain('JUDGE_URL: http://judge:8081');
    // Only the app is published, and only on loopback; the judge is reachable inside the stack only.
    expect(stdout).toContain('- 127.0.0.1:8080:8080/tcp');
    expect(stdout.match(/ports:/g)).toHaveLength(1);
  });

  it('refuses to start without a judge token', async () => {
    const env = { ...process.env };
    delete env.JUDGE_TOKEN;
    await expect(exec('docker-compose', ['config'], { env })).rejects.toThrow(/JUDGE_TOKEN/);
  });
});
