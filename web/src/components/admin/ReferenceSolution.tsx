import { DEFAULT_LANGUAGE, type LanguageId, type ReferenceCheckEvent, type Verdict } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { referenceCheck } from '../../api/referenceApi.ts';
import { useConfirm } from '../../hooks/useConfirm.tsx';
import { plural } from '../../lib/format.ts';
import { errorMessage } from '../../lib/http.ts';
import { LanguagePicker } from '../LanguagePicker.tsx';

interface TestLine {
  index: number;
  kind: string;
  verdict: Verdict;
  wallMs: number;
  message?: string;
}

type Status =
  | { phase: 'idle' }
  | { phase: 'running'; what: string }
  | { phase: 'done'; tone: 'ok' | 'error'; text: string };

/**
 * An author's reference solution: checked against every test (each verdict shown as it
 * comes), or run to write every test's expected output (not for interactive problems).
 */
export function ReferenceSolution({
  slug,
  testCount,
  interactive,
  onGenerated,
}: {
  slug: string;
  testCount: number;
  interactive: boolean;
  onGenerated(): void;
}) {
  const [language, setLanguage] = useState<LanguageId>(DEFAULT_LANGUAGE);
  const [code, setCode] = useState('');
  const [lines, setLines] = useState<TestLine[]>([]);
  const [status, setStatus] = useState<Status>({ phase: 'idle' });
  const { dialog, ask } = useConfirm();

  async function start(generateOutputs: boolean) {
    if (
      generateOutputs &&
      !(await ask({
        title: 'Generate every expected output?',
        body: 'Each test’s expected output is replaced by what this solution prints, once it runs fine on every test.',
        confirmLabel: 'Generate outputs',
        danger: true,
      }))
    ) {
      return;
    }
    setLines([]);
    setStatus({ phase: 'running', what: generateOutputs ? 'Generating outputs…' : 'Checking…' });
    let final: Status = { phase: 'done', tone: 'error', text: 'The check ended before its verdict.' };
    const onEvent = (event: ReferenceCheckEvent) => {
      if (event.type === 'test') {
        setLines((all) => [
          ...all,
          {
            index: event.index,
            kind: event.kind,
            verdict: event.verdict,
            wallMs: event.wallMs,
            ...(event.message ? { message: event.message } : {}),
          },
        ]);
      } else if (event.type === 'finished') {
        const ok = event.verdict === 'accepted';
        final = {
          phase: 'done',
          tone: ok ? 'ok' : 'error',
          text: ok
            ? `All ${plural(event.total, 'test')} passed.`
            : `${event.passed} of ${plural(event.total, 'test')} passed (${event.verdict})${event.message ? `: ${event.message}` : ''}.`,
        };
        if (generateOutputs && !ok) final = { ...final, text: `${final.text} No output was written.` };
      } else if (event.type === 'outputs-saved') {
        final = { phase: 'done', tone: 'ok', text: `Expected outputs of ${plural(event.updated, 'test')} written.` };
        onGenerated();
      } else if (event.type === 'outputs-refused') {
        final = { phase: 'done', tone: 'error', text: `No output was written: ${event.message}` };
      }
    };
    try {
      await referenceCheck(slug, { language, code, generateOutputs }, onEvent);
      setStatus(final);
    } catch (err) {
      setStatus({ phase: 'done', tone: 'error', text: errorMessage(err) });
    }
  }

  const running = status.phase === 'running';
  return (
    <section class="reference-solution" aria-labelledby="reference-title" data-testid="reference-panel">
      <h3 id="reference-title" class="subhead">
        Reference solution
      </h3>
      <p class="muted small">
        Checks every test against a solution you trust (all must pass), or writes each test’s expected output from what
        it prints.
      </p>
      <LanguagePicker
        value={language}
        disabled={running}
        title="Language of the reference solution"
        onChange={setLanguage}
      />
      <textarea
        class="code-input"
        rows={12}
        spellcheck={false}
        aria-label="Reference solution"
        data-testid="reference-code"
        value={code}
        onInput={(e) => setCode(e.currentTarget.value)}
      />
      <div class="field-row align-end">
        <button
          type="button"
          class="button primary"
          data-testid="reference-check"
          disabled={running || !code.trim() || testCount === 0}
          onClick={() => start(false)}
        >
          Check all tests
        </button>
        {!interactive && (
          <button
            type="button"
            class="button"
            data-testid="reference-generate"
            disabled={running || !code.trim() || testCount === 0}
            onClick={() => start(true)}
          >
            Generate expected outputs
          </button>
        )}
      </div>
      {(running || lines.length > 0) && (
        <p class="muted small" role="status" data-testid="reference-progress">
          {running ? status.what : 'Done:'} {lines.length} of {plural(testCount, 'test')} judged.
        </p>
      )}
      <ol class="reference-results" data-testid="reference-results">
        {lines.map((line) => (
          <li key={line.index} class={line.verdict === 'accepted' ? 'status-ok' : 'form-error'}>
            Test {line.index + 1} ({line.kind}): {line.verdict} in {line.wallMs} ms
            {line.message ? ` — ${line.message}` : ''}
          </li>
        ))}
      </ol>
      {status.phase === 'done' && (
        <p class={status.tone === 'ok' ? 'status-ok' : 'form-error'} role="status" data-testid="reference-summary">
          {status.text}
        </p>
      )}
      {dialog}
    </section>
  );
}
