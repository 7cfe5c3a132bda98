import { LANGUAGE_INFO, type LanguageId } from '@codestream/shared';
import { useState } from 'preact/hooks';

/**
 * Starter code per language, one tab each. Left empty, a room in that language starts
 * with the language's usual template.
 */
export function StarterCodeFields({
  starterCode,
  onChange,
  errors,
}: {
  starterCode: Record<LanguageId, string>;
  onChange(starterCode: Record<LanguageId, string>): void;
  errors: Record<string, string>;
}) {
  const [active, setActive] = useState<LanguageId>(LANGUAGE_INFO[0].id);
  const focusTab = (id: LanguageId) => {
    setActive(id);
    document.getElementById(`starter-tab-${id}`)?.focus();
  };
  return (
    <section class="panel" aria-labelledby="starter-title">
      <h2 id="starter-title" class="panel-title">
        Starter code
      </h2>
      <p class="muted">What a room opened on this problem starts with, per language. Empty: the language’s template.</p>
      <div class="tab-list" role="tablist" aria-label="Starter code language">
        {LANGUAGE_INFO.map((language, i) => (
          <button
            key={language.id}
            id={`starter-tab-${language.id}`}
            type="button"
            role="tab"
            class="tab"
            aria-selected={active === language.id ? 'true' : 'false'}
            aria-controls={`starter-panel-${language.id}`}
            tabIndex={active === language.id ? 0 : -1}
            data-testid={`problem-form-starter-tab-${language.id}`}
            onClick={() => setActive(language.id)}
            onKeyDown={(e) => {
              // Arrow keys move between tabs (WAI-ARIA tabs pattern).
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              e.preventDefault();
              const next = LANGUAGE_INFO[(i + step + LANGUAGE_INFO.length) % LANGUAGE_INFO.length];
              if (next) focusTab(next.id);
            }}
          >
            {language.label}
            {starterCode[language.id].trim() !== '' && (
              <span class="tab-dot">
                <span class="sr-only">(has starter code)</span>
              </span>
            )}
            {errors[`starterCode.${language.id}`] && <span class="tab-error"> !</span>}
          </button>
        ))}
      </div>
      {LANGUAGE_INFO.map((language) => {
        const error = errors[`starterCode.${language.id}`];
        return (
          <div
            key={language.id}
            id={`starter-panel-${language.id}`}
            role="tabpanel"
            aria-labelledby={`starter-tab-${language.id}`}
            hidden={active !== language.id}
            class="field"
          >
            <textarea
              class="code-input"
              rows={10}
              spellcheck={false}
              aria-label={`Starter code in ${language.label}`}
              aria-invalid={error ? 'true' : undefined}
              data-testid={`problem-form-starter-${language.id}`}
              placeholder={language.template}
              value={starterCode[language.id]}
              onInput={(e) => onChange({ ...starterCode, [language.id]: e.currentTarget.value })}
            />
            {error && <p class="field-error">{error}</p>}
          </div>
        );
      })}
    </section>
  );
}
