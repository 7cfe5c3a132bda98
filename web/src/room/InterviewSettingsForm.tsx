import { MAX_DURATION_MINUTES, MAX_TITLE_LENGTH, type RoomControls, type RoomSession } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { changeControls, changeSession, type SessionChange } from '../api/roomSessionApi.ts';
import { errorMessage } from '../lib/http.ts';

export interface InterviewSettingsProps {
  roomId: string;
  session: RoomSession;
  controls: RoomControls;
}

/**
 * For hosts: the title, the timer, and what everyone else may do. Each control applies
 * as soon as it changes (the server stores it, then tells everyone in the room).
 */
export function InterviewSettingsForm({
  roomId,
  session,
  controls,
  onClose,
}: InterviewSettingsProps & { onClose(): void }) {
  const [title, setTitle] = useState(session.title);
  const [minutes, setMinutes] = useState(session.durationMinutes?.toString() ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function apply(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const control = (change: Partial<RoomControls>) => apply(() => changeControls(roomId, change));
  const sessionChange = (change: SessionChange) => apply(() => changeSession(roomId, change));
  const duration = minutes.trim() === '' ? null : Number(minutes);

  return (
    <div class="stack">
      <h2 id="interview-title">Interview</h2>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void sessionChange({ title });
        }}
      >
        <label>
          Title
          <input
            type="text"
            data-testid="interview-title-input"
            maxLength={MAX_TITLE_LENGTH}
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button small" disabled={busy || title === session.title}>
          Save title
        </button>
      </form>
      <fieldset>
        <legend>Timer</legend>
        <label>
          Length (minutes)
          <input
            type="number"
            min={1}
            max={MAX_DURATION_MINUTES}
            data-testid="interview-minutes"
            value={minutes}
            onInput={(e) => setMinutes(e.currentTarget.value)}
          />
        </label>
        <label class="checkbox">
          <input
            type="checkbox"
            data-testid="interview-auto-end"
            checked={session.autoEnd}
            disabled={busy}
            onChange={(e) => sessionChange({ autoEnd: e.currentTarget.checked })}
          />
          End the interview when the time is up
        </label>
        <div class="form-actions">
          <button
            type="button"
            class="button small primary"
            data-testid="interview-start-timer"
            disabled={busy || duration === null || !Number.isInteger(duration)}
            onClick={() => sessionChange({ durationMinutes: duration, timer: 'start' })}
          >
            {session.timerStartedAt === null ? 'Start timer' : 'Restart timer'}
          </button>
          {session.timerStartedAt !== null && (
            <button type="button" class="button small" disabled={busy} onClick={() => sessionChange({ timer: 'stop' })}>
              Stop timer
            </button>
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Everyone but hosts</legend>
        <label>
          Who may run, submit and stop
          <select
            data-testid="control-run-policy"
            value={controls.runPolicy}
            disabled={busy}
            onChange={(e) => control({ runPolicy: e.currentTarget.value as RoomControls['runPolicy'] })}
          >
            <option value="everyone">Hosts and editors</option>
            <option value="hosts">Hosts only</option>
          </select>
        </label>
        <Toggle
          testId="control-language-locked"
          label="Lock the language"
          checked={controls.languageLocked}
          disabled={busy}
          onChange={(languageLocked) => control({ languageLocked })}
        />
        <Toggle
          testId="control-editing-locked"
          label="Lock editing (everyone but hosts watches)"
          checked={controls.editingLocked}
          disabled={busy}
          onChange={(editingLocked) => control({ editingLocked })}
        />
        <Toggle
          testId="control-playback-for-all"
          label="Participants may watch the playback"
          checked={controls.playbackForAll}
          disabled={busy}
          onChange={(playbackForAll) => control({ playbackForAll })}
        />
        <Toggle
          testId="control-observers-visible"
          label="Observing hosts show in the room"
          checked={controls.observersVisible}
          disabled={busy}
          onChange={(observersVisible) => control({ observersVisible })}
        />
      </fieldset>
      {error && (
        <p class="form-error" role="alert" data-testid="interview-error">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="button" class="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

interface ToggleProps {
  testId: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange(checked: boolean): void;
}

function Toggle({ testId, label, checked, disabled, onChange }: ToggleProps) {
  return (
    <label class="checkbox">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
}
