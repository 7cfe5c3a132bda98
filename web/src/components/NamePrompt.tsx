import { useEffect, useRef, useState } from 'preact/hooks';
import { saveDisplayName } from '../lib/displayName.ts';
import { pageStorage } from '../lib/navigation.ts';

interface NamePromptProps {
  initialName?: string;
  submitLabel: string;
  onSubmit(name: string): void;
  onCancel?(): void;
}

/** Asks for the display name others see beside this person's cursor; remembers it. */
export function NamePrompt({ initialName = '', submitLabel, onSubmit, onCancel }: NamePromptProps) {
  const [value, setValue] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function submit(event: Event) {
    event.preventDefault();
    const result = saveDisplayName(pageStorage(), value);
    if (!result.ok) {
      setError(result.error);
      input.current?.focus();
      return;
    }
    onSubmit(result.name);
  }

  return (
    <form class="name-form" onSubmit={submit} noValidate>
      <label class="field">
        <span class="field-label">Your name</span>
        <input
          ref={input}
          data-testid="name-input"
          type="text"
          name="name"
          autocomplete="nickname"
          maxLength={40}
          placeholder="e.g. Ada"
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'name-error' : 'name-hint'}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            if (error) setError(null);
          }}
        />
      </label>
      {error ? (
        <p id="name-error" class="form-error" role="alert">
          {error}
        </p>
      ) : (
        <p id="name-hint" class="field-hint">
          Shown to others beside your cursor. You can change it later.
        </p>
      )}
      <div class="form-actions">
        {onCancel && (
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" class="button primary" data-testid="name-submit">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
