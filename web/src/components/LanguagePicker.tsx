import { LANGUAGES, type LanguageId, type LanguageSpec } from '@codestream/shared';

export function languageOptionLabel(language: Pick<LanguageSpec, 'label' | 'version'>): string {
  return language.version.startsWith(language.label) ? language.version : `${language.label} (${language.version})`;
}

interface LanguagePickerProps {
  value: LanguageId;
  disabled: boolean;
  /** Why it is disabled, when a host locked it. */
  title?: string;
  onChange(language: LanguageId): void;
}

/** The room's language: changing it changes it for everyone. */
export function LanguagePicker({ value, disabled, title, onChange }: LanguagePickerProps) {
  return (
    <label class="field inline">
      <span class="field-label">Language</span>
      <select
        data-testid="language"
        value={value}
        disabled={disabled}
        title={title ?? 'Changes the language for everyone in the room'}
        onChange={(e) => onChange(e.currentTarget.value as LanguageId)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.id} value={l.id}>
            {languageOptionLabel(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
