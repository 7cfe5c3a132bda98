/**
 * Light or dark: the system's setting (prefers-color-scheme) unless this browser chose one
 * with the theme switch. The resolved theme is `data-theme` on <html>; styles.css keys
 * every colour, the editors' too, on it.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'codestream-theme';
const systemLight = () => window.matchMedia('(prefers-color-scheme: light)');

export function storedThemeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    // Storage can be refused (privacy settings); the system's setting still applies.
    return 'system';
  }
}

/** Dispatched on `window` when the choice changes in another tab of this browser. */
export const THEME_CHOICE_EVENT = 'codestream-theme-choice';

function applyTheme(choice: ThemeChoice): void {
  const theme = choice === 'system' ? (systemLight().matches ? 'light' : 'dark') : choice;
  document.documentElement.dataset.theme = theme;
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered, but still applied to this page.
  }
  applyTheme(choice);
}

/**
 * Applies the theme now, and again whenever the system setting changes or another tab of
 * this browser chooses one (its `storage` event; `key` null: the storage was cleared).
 */
export function followTheme(): void {
  applyTheme(storedThemeChoice());
  systemLight().addEventListener('change', () => applyTheme(storedThemeChoice()));
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    applyTheme(storedThemeChoice());
    window.dispatchEvent(new Event(THEME_CHOICE_EVENT));
  });
}
