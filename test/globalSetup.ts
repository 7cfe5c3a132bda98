import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedMongo } from '../room-server/src/db/EmbeddedMongo.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URI of the embedded MongoDB-compatible server; each suite uses its own database. */
    mongoUri: string;
  }
}

/** One embedded database server for the whole test run, in a temporary folder. */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-test-db-'));
  const mongo = await EmbeddedMongo.start({ binary: '.cache/bin/ferretdb', dataDir });
  project.provide('mongoUri', mongo.uri);
  return async () => {
    await mongo.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
