import type { JSX } from 'preact';

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput'>;

interface TextFieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  testId?: string;
  hint?: string;
  error?: string | undefined;
}

/** A labelled input with its hint or error announced with it (aria-describedby). */
export function TextField({
  id,
  label,
  value,
  onValue,
  testId,
  hint,
  error,
  class: className,
  ...input
}: TextFieldProps) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div class={`field ${className ?? ''}`}>
      <label class="field-label" for={id}>
        {label}
      </label>
      <input
        type="text"
        {...input}
        id={id}
        value={value}
        data-testid={testId}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      {error ? (
        <p id={`${id}-error`} class="field-error" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} class="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
