import { SAMPLE_OUTPUT_PREVIEW_CHARS, type TestEvent } from '@codestream/shared';
import { formatMemory, formatMs, testVerdictLabel } from '../lib/verdicts.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

/**
 * One row per judged test, in order. Hidden tests show their verdict and measurements
 * only: the judge never sends their data, and nothing here asks for it. Samples may
 * show what the program printed (folded).
 */
export function VerdictTable({ tests }: { tests: readonly TestEvent[] }) {
  if (tests.length === 0) return null;
  return (
    <div class="verdict-table-wrap">
      <table class="table verdict-table" data-testid="verdict-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Test</th>
            <th scope="col">Verdict</th>
            <th scope="col" class="num">
              <abbr title="CPU time">CPU</abbr>
            </th>
            <th scope="col" class="num">
              <abbr title="Wall-clock time">Wall</abbr>
            </th>
            <th scope="col" class="num">
              <abbr title="Peak memory">Mem</abbr>
            </th>
          </tr>
        </thead>
        {tests.map((test) => (
          <VerdictRow key={test.index} test={test} />
        ))}
      </table>
    </div>
  );
}

function VerdictRow({ test }: { test: TestEvent }) {
  const sample = test.kind === 'sample';
  // Defence in depth: whatever a hidden test carried, its output is not shown.
  const output = sample ? test.output : undefined;
  const hasDetails = sample && (output !== undefined || Boolean(test.message));
  const label = testVerdictLabel(test);
  return (
    // A tbody per test keeps a sample's folded output with its row.
    <tbody data-testid="verdict-row" data-index={test.index} data-kind={test.kind} data-verdict={test.verdict}>
      <tr class={hasDetails ? 'has-details' : undefined}>
        <th scope="row" class="num test-number">
          {test.index + 1}
        </th>
        <td>
          <span class={`pill test-kind test-kind-${sample ? 'sample' : 'hidden'}`}>{sample ? 'Sample' : 'Hidden'}</span>
        </td>
        <td>
          <VerdictBadge
            verdict={test.verdict}
            label={label}
            title={test.message ? `${label}: ${test.message}` : label}
          />
        </td>
        <td class="num">{formatMs(test.cpuMs)}</td>
        <td class="num">{formatMs(test.wallMs)}</td>
        <td class="num">{formatMemory(test.memoryKb)}</td>
      </tr>
      {hasDetails && (
        <tr class="test-details">
          <td colSpan={6}>
            <details data-testid="sample-output">
              <summary>{output !== undefined ? 'Program output' : 'Details'}</summary>
              {test.message && <p class="test-message">{test.message}</p>}
              {output !== undefined &&
                (output === '' ? <p class="muted">No output.</p> : <pre class="test-output">{output}</pre>)}
              {output !== undefined && output.length >= SAMPLE_OUTPUT_PREVIEW_CHARS && (
                <p class="muted small">Cut to its first {SAMPLE_OUTPUT_PREVIEW_CHARS} characters.</p>
              )}
            </details>
          </td>
        </tr>
      )}
    </tbody>
  );
}
