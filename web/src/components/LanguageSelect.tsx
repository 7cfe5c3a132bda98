import { LANGUAGE_INFO, type LanguageId } from '@codestream/shared';
import { languageOptionLabel } from './LanguagePicker.tsx';

/** A labelled language select for forms (the room's own picker is LanguagePicker). */
export function LanguageSelect({
  id,
  testId,
  value,
  disabled,
  onChange,
}: {
  id: string;
  testId: string;
  value: LanguageId;
  disabled?: boolean;
  onChange(language: LanguageId): void;
}) {
  return (
    <div class="field">
      <label class="field-label" for={id}>
        Language
      </label>
      <select
        id={id}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value as LanguageId)}
      >
        {LANGUAGE_INFO.map((l) => (
          <option key={l.id} value={l.id}>
            {languageOptionLabel(l)}
          </option>
        ))}
      </select>
    </div>
  );
}
