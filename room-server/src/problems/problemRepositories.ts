import type { Db } from 'mongodb';
import { ProblemRepository } from './ProblemRepository.ts';
import { TestCaseRepository } from './TestCaseRepository.ts';

/** Where the problem bank keeps its problems and their test cases. */
export function problemRepositories(db: Db) {
  return {
    problems: new ProblemRepository(db.collection('problems')),
    tests: new TestCaseRepository(db.collection('testcases')),
  };
}

export type ProblemRepositories = ReturnType<typeof problemRepositories>;
