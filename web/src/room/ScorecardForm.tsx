import {
  CRITERION_LABELS,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  type Recommendation,
  SCORECARD_CRITERIA,
  type ScorecardInput,
} from '@codestream/shared';
import { useState } from 'preact/hooks';
import { getScorecard, saveScorecard } from '../api/scorecardApi.ts';
import { useResource } from '../hooks/useResource.ts';
import { errorMessage } from '../lib/http.ts';

const SCORES = [1, 2, 3, 4] as const;

/** The room's scorecard (hosts only): each criterion 1–4 and an overall recommendation. */
export function ScorecardForm({ roomId }: { roomId: string }) {
  const stored = useResource((signal) => getScorecard(roomId, signal), [roomId]);
  const [draft, setDraft] = useState<ScorecardInput | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const card = draft ?? stored.data;
  if (!card) return <p class={stored.error ? 'form-error' : 'muted'}>{stored.error ?? 'Loading the scorecard…'}</p>;

  const change = (next: ScorecardInput) => {
    setDraft(next);
    setState({ kind: 'idle' });
  };
  const save = async (event: Event) => {
    event.preventDefault();
    setState({ kind: 'saving' });
    try {
      stored.set(await saveScorecard(roomId, { scores: card.scores, recommendation: card.recommendation }));
      setDraft(null);
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: errorMessage(err) });
    }
  };

  return (
    <form class="scorecard" aria-labelledby="scorecard-title" onSubmit={save} data-testid="scorecard">
      <h3 id="scorecard-title">Scorecard</h3>
      {SCORECARD_CRITERIA.map((criterion) => (
        <fieldset key={criterion} class="score-row">
          <legend>{CRITERION_LABELS[criterion]}</legend>
          {SCORES.map((score) => (
            <label key={score}>
              <input
                type="radio"
                name={`score-${criterion}`}
                value={score}
                checked={card.scores[criterion] === score}
                onChange={() => change({ ...card, scores: { ...card.scores, [criterion]: score } })}
              />
              {score}
            </label>
          ))}
        </fieldset>
      ))}
      <label class="field">
        Recommendation
        <select
          value={card.recommendation ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change({ ...card, recommendation: value === '' ? null : (value as Recommendation) });
          }}
        >
          <option value="">Not decided</option>
          {RECOMMENDATIONS.map((id) => (
            <option key={id} value={id}>
              {RECOMMENDATION_LABELS[id]}
            </option>
          ))}
        </select>
      </label>
      <div class="toolbar">
        <button type="submit" class="button primary" disabled={state.kind === 'saving'}>
          Save scorecard
        </button>
        <span role="status" class={state.kind === 'error' ? 'form-error' : 'muted'}>
          {state.kind === 'saved' && 'Saved'}
          {state.kind === 'error' && state.message}
          {state.kind === 'idle' && draft !== null && 'Not saved yet'}
        </span>
      </div>
    </form>
  );
}
