import type { ReferenceCheckEvent, TestCase } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUESSER, INTERACTOR } from '../../test/support/guessTheNumber.ts';
import type { Session } from './harness.ts';
import { addTests, createProblem, postZip, startProblemBank, zipOf } from './problemFixtures.ts';

let bank: Awaited<ReturnType<typeof startProblemBank>>;
beforeAll(async () => {
  bank = await startProblemBank();
}, 60_000);
afterAll(async () => {
  await bank?.close();
});

async function referenceCheck(
  session: Session,
  slug: string,
  body: { language: string; code: string; generateOutputs?: boolean },
): Promise<{ status: number; events: ReferenceCheckEvent[] }> {
  const res = await session.fetch(`/api/problems/${slug}/reference-check`, { method: 'POST', json: body });
  if (res.status !== 200) return { status: res.status, events: [] };
  expect(res.headers.get('content-type')).toContain('application/x-ndjson');
  const lines = (await res.text()).split('\n').filter((l) => l !== '');
  return { status: res.status, events: lines.map((l) => JSON.parse(l) as ReferenceCheckEvent) };
}

const verdicts = (events: ReferenceCheckEvent[]) => events.flatMap((e) => (e.type === 'test' ? [e.verdict] : []));
const finished = (events: ReferenceCheckEvent[]) => events.find((e) => e.type === 'finished');

const DOUBLE = 'print(2 * int(input()))\n';

describe('a reference solution', () => {
  it('is judged test by test, generates the expected outputs, and is for authors only', async () => {
    await createProblem(bank.author, { slug: 'doubling', title: 'Doubling' });
    await addTests(bank.author, 'doubling', [
      { kind: 'sample', input: '2\n', output: '4\n' },
      { kind: 'hidden', input: '21\n', output: 'to be generated\n' },
    ]);
    const checked = await referenceCheck(bank.author, 'doubling', { language: 'python', code: DOUBLE });
    expect(verdicts(checked.events)).toEqual(['accepted', 'wrong-answer']);
    expect(finished(checked.events)).toMatchObject({ verdict: 'wrong-answer', passed: 1, total: 2 });

    const generated = await referenceCheck(bank.author, 'doubling', {
      language: 'python',
      code: DOUBLE,
      generateOutputs: true,
    });
    expect(verdicts(generated.events)).toEqual(['accepted', 'accepted']);
    expect(JSON.stringify(generated.events)).not.toContain('"output"');
    expect(generated.events.at(-1)).toEqual({ type: 'outputs-saved', updated: 2 });
    const tests = (await (await bank.author.fetch('/api/problems/doubling/tests')).json()) as TestCase[];
    expect(tests.map((t) => t.output)).toEqual(['4\n', '42\n']);
    expect(
      verdicts((await referenceCheck(bank.author, 'doubling', { language: 'python', code: DOUBLE })).events),
    ).toEqual(['accepted', 'accepted']);

    // A solution that fails a test writes nothing.
    const crashing = await referenceCheck(bank.author, 'doubling', {
      language: 'python',
      code: 'n = int(input())\nassert n < 10\nprint(n)\n',
      generateOutputs: true,
    });
    expect(verdicts(crashing.events)).toEqual(['accepted', 'runtime-error']);
    expect(crashing.events.some((e) => e.type === 'outputs-saved')).toBe(false);
    const after = (await (await bank.author.fetch('/api/problems/doubling/tests')).json()) as TestCase[];
    expect(after.map((t) => t.output)).toEqual(['4\n', '42\n']);

    expect((await referenceCheck(bank.member, 'doubling', { language: 'python', code: DOUBLE })).status).toBe(403);
  });
});

/** A Kattis validator in C++ with the package's own header, as real packages ship validate.h. */
const VALIDATOR_H = `#pragma once
#include <fstream>
#include <string>
inline int judge(bool ok, const std::string &feedback, const std::string &message) {
  std::ofstream(feedback + "judgemessage.txt") << message;
  return ok ? 42 : 43;
}
`;
const VALIDATOR_CPP = `#include <fstream>
#include <iostream>
#include "validate.h"
int main(int argc, char **argv) {
  long long n, answer, got;
  std::ifstream(argv[1]) >> n;
  std::ifstream(argv[2]) >> answer;
  if (!(std::cin >> got)) return judge(false, argv[3], "no number");
  // Any multiple of the input accepted, as a custom validator may.
  return judge(got % n == 0 && got != 0, argv[3], got % n == 0 ? "a multiple" : "not a multiple");
}
`;

function kattisPackage(name: string, yaml: string, files: Record<string, string>, tests: [string, string][]) {
  return zipOf({
    [`${name}/problem.yaml`]: yaml,
    [`${name}/problem_statement/problem.en.md`]: `# ${name}\n\nA test package.`,
    ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`${name}/${path}`, text])),
    ...Object.fromEntries(
      tests.flatMap(([input, answer], i) => [
        [`${name}/data/secret/${i + 1}.in`, input],
        [`${name}/data/secret/${i + 1}.ans`, answer],
      ]),
    ),
  });
}

describe('an interactive problem', () => {
  it('shows solvers that it is interactive, never the interactor', async () => {
    const interactor = { type: 'interactive', language: 'python', code: '# INTERACTOR-ONLY-7Qx\nexit(42)\n' } as const;
    await createProblem(bank.author, { slug: 'talkative', title: 'Talkative', checker: interactor });
    const seen = await (await bank.member.fetch('/api/problems/talkative')).text();
    expect(JSON.parse(seen).checker).toEqual({ type: 'interactive', language: 'python' });
    expect(seen).not.toContain('INTERACTOR-ONLY');
    expect((await (await bank.author.fetch('/api/problems/talkative')).json()).checker).toEqual(interactor);
  });
});

describe('Kattis packages with their own validator', () => {
  it('import an output validator and an interactor, then judge with them', async () => {
    const validated = await postZip(
      bank.author,
      '/api/problems/import',
      kattisPackage(
        'multiples',
        'name: Multiples\nvalidation: custom\n',
        {
          'output_validators/multiple/validator.cpp': VALIDATOR_CPP,
          'output_validators/multiple/validate.h': VALIDATOR_H,
        },
        [
          ['7\n', '7\n'],
          ['5\n', '5\n'],
        ],
      ),
    );
    expect(validated.status).toBe(201);
    const multiples = await referenceCheck(bank.author, 'multiples', {
      language: 'python',
      code: 'print(3 * int(input()))\n',
    });
    expect(verdicts(multiples.events)).toEqual(['accepted', 'accepted']);
    const wrong = await referenceCheck(bank.author, 'multiples', {
      language: 'python',
      code: 'print(int(input()) + 1)\n',
    });
    expect(finished(wrong.events)).toMatchObject({ verdict: 'wrong-answer' });

    const interactive = await postZip(
      bank.author,
      '/api/problems/import',
      kattisPackage(
        'guess',
        'problem_format_version: 2023-07-draft\nname: Guess\ntype: interactive\n',
        { 'output_validator/interactor.py': INTERACTOR },
        [
          ['1\n', '\n'],
          ['999\n', '\n'],
        ],
      ),
    );
    expect(interactive.status).toBe(201);
    const guessed = await referenceCheck(bank.author, 'guess', { language: 'python', code: GUESSER });
    expect(verdicts(guessed.events)).toEqual(['accepted', 'accepted']);
    const refused = await referenceCheck(bank.author, 'guess', {
      language: 'python',
      code: GUESSER,
      generateOutputs: true,
    });
    expect(refused.status).toBe(400);
  });
});
