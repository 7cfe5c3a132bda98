import { DockerJudge } from '@codestream/judge';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RoomServer } from '../../room-server/src/createRoomServer.ts';
import type { Database } from '../../room-server/src/database.ts';
import { openTestDatabase, startTestServer, type TestServerOptions } from '../../room-server/test/harness.ts';
import { launchChromium } from './browser.ts';

export interface E2eApp {
  database: Database;
  judge: DockerJudge;
  server: RoomServer;
  browser: Browser;
  /** Browser contexts the test opened (one per person); closed after the file. */
  contexts: BrowserContext[];
}

/**
 * The real app for one e2e file: its own database, the in-process judge on real Docker,
 * the room server on port 0 serving the built web app, and Chromium. Filled in by
 * beforeAll, torn down by afterAll.
 */
export function useE2eApp(options: Pick<TestServerOptions, 'roomsPerMember' | 'sso' | 'loginLimits'> = {}): E2eApp {
  const app = { contexts: [] as BrowserContext[] } as E2eApp;
  beforeAll(async () => {
    app.database = await openTestDatabase();
    app.judge = new DockerJudge({ sweepIntervalMs: 0 });
    app.server = await startTestServer({ ...options, database: app.database, judge: app.judge });
    app.browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of app.contexts) await context.close();
    await app.browser?.close();
    await app.server?.close();
    await app.judge?.close();
    await app.database?.close();
  });
  return app;
}
