import type { Db } from 'mongodb';
import { ApiJobRepository } from './ApiJobRepository.ts';
import { ApiTokenRepository } from './ApiTokenRepository.ts';

/** Where the integration API keeps its tokens and its jobs. */
export function integrationRepositories(db: Db) {
  return {
    apiTokens: new ApiTokenRepository(db.collection('api_tokens')),
    apiJobs: new ApiJobRepository(db.collection('api_jobs')),
  };
}

export type IntegrationRepositories = ReturnType<typeof integrationRepositories>;
