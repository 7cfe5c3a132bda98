import { defineConfig } from 'vitest/config';

// Three projects: units next to the code, integration tests against the real server,
// database and Docker, and e2e tests that drive Chromium. `npm test` runs all three.
export default defineConfig({
  test: {
    reporters: ['default'],
    // Vitest's default is one worker fewer than the cores: one here, on 2 cores. The
    // integration and e2e files mostly wait on Docker, the database and the browser, so two
    // run at once (e2e files still one at a time among themselves).
    maxWorkers: 2,
    // One embedded database for the whole run; each suite uses its own database in it.
    globalSetup: ['test/globalSetup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,judge,room-server,web}/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{judge,room-server,test}/**/*.int.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
