import type { ProblemInputBody, TestCaseInput } from '@codestream/shared';

/** A seed problem: the problem itself and its tests (samples first). */
export interface SeedProblem {
  problem: ProblemInputBody;
  tests: TestCaseInput[];
}

/** Expected outputs are computed by reference solutions, so they cannot be mistyped. */
function cases(kind: TestCaseInput['kind'], inputs: string[], solve: (input: string) => string): TestCaseInput[] {
  return inputs.map((input) => ({ kind, input, output: solve(input) }));
}

const aPlusB = (input: string) => {
  const [a = 0, b = 0] = input.trim().split(/\s+/).map(Number);
  return `${a + b}\n`;
};

const twoSum = (input: string) => {
  const [, line = '', target = '0'] = input.trim().split('\n');
  const numbers = line.trim().split(/\s+/).map(Number);
  const seen = new Map<number, number>();
  for (const [j, value] of numbers.entries()) {
    const i = seen.get(Number(target) - value);
    if (i !== undefined) return `${i} ${j}\n`;
    if (!seen.has(value)) seen.set(value, j);
  }
  throw new Error(`seed two-sum input without an answer: ${input}`);
};

const reverse = (input: string) => `${[...input.replace(/\n$/, '')].reverse().join('')}\n`;

const fizzBuzz = (input: string) => {
  const lines: string[] = [];
  for (let i = 1; i <= Number(input.trim()); i++) {
    lines.push(i % 15 === 0 ? 'FizzBuzz' : i % 3 === 0 ? 'Fizz' : i % 5 === 0 ? 'Buzz' : String(i));
  }
  return `${lines.join('\n')}\n`;
};

const circleArea = (input: string) => `${(Math.PI * Number(input.trim()) ** 2).toFixed(9)}\n`;

const readAll = {
  python: 'import sys\n\ndata = sys.stdin.read().split()\n',
  javascript: "const data = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/);\n",
};

export const CLASSIC_PROBLEMS: SeedProblem[] = [
  {
    problem: {
      slug: 'a-plus-b',
      title: 'A + B',
      difficulty: 'easy',
      tags: ['math', 'beginner'],
      statement: [
        'Read two integers and print their sum.',
        '',
        '## Input',
        '',
        'One line with two integers `a` and `b` (−10⁹ ≤ a, b ≤ 10⁹), separated by a space.',
        '',
        '## Output',
        '',
        'One line with `a + b`.',
      ].join('\n'),
      starterCode: {
        python: `${readAll.python}a, b = int(data[0]), int(data[1])\n# print the sum\n`,
        javascript: `${readAll.javascript}const [a, b] = data.map(Number);\n// print the sum\n`,
      },
      checker: { type: 'tokens' },
      visibility: 'published',
    },
    tests: [
      ...cases('sample', ['1 2\n'], aPlusB),
      ...cases('hidden', ['-5 5\n', '1000000000 1000000000\n', '-7 -8\n', '123456789 -987654321\n'], aPlusB),
    ],
  },
  {
    problem: {
      slug: 'two-sum',
      title: 'Two Sum',
      difficulty: 'medium',
      tags: ['arrays', 'hashing'],
      statement: [
        'Given a list of integers and a target, find the two positions whose numbers add up to the target.',
        'Exactly one pair of positions `i < j` does.',
        '',
        '## Input',
        '',
        '- a line with `n` (2 ≤ n ≤ 10⁵), the count of numbers;',
        '- a line with the `n` integers (each between −10⁹ and 10⁹);',
        '- a line with the target.',
        '',
        '## Output',
        '',
        'One line with `i` and `j`, counted from 0, with `i < j`.',
        '',
        'A solution faster than trying every pair runs in O(n) with a hash map.',
      ].join('\n'),
      starterCode: {
        python: `${readAll.python}n = int(data[0])\nnums = list(map(int, data[1:1 + n]))\ntarget = int(data[1 + n])\n`,
        javascript: `${readAll.javascript}const n = Number(data[0]);\nconst nums = data.slice(1, 1 + n).map(Number);\nconst target = Number(data[1 + n]);\n`,
      },
      checker: { type: 'tokens' },
      visibility: 'published',
    },
    tests: [
      ...cases('sample', ['4\n2 7 11 15\n9\n', '3\n3 2 4\n6\n'], twoSum),
      ...cases(
        'hidden',
        ['2\n3 3\n6\n', '5\n1 -2 8 10 -7\n3\n', '6\n0 4 3 0 9 12\n0\n', '7\n-1000000000 5 17 1000000000 -3 8 2\n0\n'],
        twoSum,
      ),
    ],
  },
  {
    problem: {
      slug: 'reverse-string',
      title: 'Reverse a String',
      difficulty: 'easy',
      tags: ['strings', 'beginner'],
      statement: [
        'Print a line of text backwards.',
        '',
        '## Input',
        '',
        'One line of 1 to 1000 printable ASCII characters. It may contain spaces, which count.',
        '',
        '## Output',
        '',
        'The same characters in reverse order, on one line. Spaces must match exactly.',
      ].join('\n'),
      starterCode: {
        python: 'import sys\n\nline = sys.stdin.readline().rstrip("\\n")\n',
        javascript: "const line = require('fs').readFileSync(0, 'utf8').split('\\n')[0];\n",
      },
      checker: { type: 'exact' },
      visibility: 'published',
    },
    tests: [
      ...cases('sample', ['hello\n'], reverse),
      ...cases('hidden', ['CodeStream\n', 'a b  c\n', 'racecar\n', '12345 !?\n'], reverse),
    ],
  },
  {
    problem: {
      slug: 'fizzbuzz',
      title: 'FizzBuzz',
      difficulty: 'easy',
      tags: ['loops', 'beginner'],
      statement: [
        'Count from 1 to `n`, one number per line, but:',
        '',
        '- print **Fizz** instead of numbers divisible by 3,',
        '- **Buzz** instead of numbers divisible by 5,',
        '- and **FizzBuzz** instead of numbers divisible by both.',
        '',
        '## Input',
        '',
        'One integer `n` (1 ≤ n ≤ 10000).',
        '',
        '## Output',
        '',
        '`n` lines, as described.',
      ].join('\n'),
      starterCode: {
        python: `${readAll.python}n = int(data[0])\n`,
        javascript: `${readAll.javascript}const n = Number(data[0]);\n`,
      },
      checker: { type: 'tokens' },
      visibility: 'published',
    },
    tests: [...cases('sample', ['5\n'], fizzBuzz), ...cases('hidden', ['1\n', '15\n', '30\n', '100\n'], fizzBuzz)],
  },
  {
    problem: {
      slug: 'circle-area',
      title: 'Area of a Circle',
      difficulty: 'easy',
      tags: ['math', 'geometry', 'floating-point'],
      statement: [
        'Print the area of a circle of radius `r`: π·r².',
        '',
        '## Input',
        '',
        'One real number `r` (0 < r ≤ 10⁴).',
        '',
        '## Output',
        '',
        'The area. Answers within an absolute or relative error of 10⁻⁶ are accepted.',
      ].join('\n'),
      starterCode: {
        python: `import math\n${readAll.python}r = float(data[0])\n`,
        javascript: `${readAll.javascript}const r = Number(data[0]);\n`,
      },
      checker: { type: 'float', absTolerance: 1e-6, relTolerance: 1e-6 },
      visibility: 'published',
    },
    tests: [
      ...cases('sample', ['1\n', '2\n'], circleArea),
      ...cases('hidden', ['2.5\n', '0.001\n', '10000\n', '7\n'], circleArea),
    ],
  },
];
