import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { canConnect } from '../../room-server/src/db/loopbackPorts.ts';

export { freePort } from '../../room-server/src/db/loopbackPorts.ts';

/** Whether `child` comes to accept connections on `port` within `ms` (false once it exits). */
export async function accepts(port: number, child: ChildProcess, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    if (await canConnect(port)) return true;
    await sleep(20);
  }
  return false;
}
