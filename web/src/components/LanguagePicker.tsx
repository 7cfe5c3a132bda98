import { LANGUAGE_INFO, type LanguageId, type LanguageInfo } from '@codestream/shared';

/**
 * A language with its toolchain's version, as the picker and results name it: "Python
 * 3.13.5", "TypeScript 4.9.5 (Node.js 20.19.2)", "C — GCC 14.2.0 (C17)".
 */
export function languageOptionLabel(language: Pick<LanguageInfo, 'label' | 'version'>): string {
  const { label, version } = language;
  if (version.startsWith(label)) return version;
  return /^\d/.test(version) ? `${label} ${version}` : `${label} — ${version}`;
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
        class="language-picker"
        data-testid="language"
        value={value}
        disabled={disabled}
        title={title ?? 'Changes the language for everyone in the room'}
        onChange={(e) => onChange(e.currentTarget.value as LanguageId)}
      >
        {LANGUAGE_INFO.map((l) => (
          <option key={l.id} value={l.id}>
            {languageOptionLabel(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
