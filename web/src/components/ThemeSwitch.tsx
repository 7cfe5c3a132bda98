import { useEffect, useState } from 'preact/hooks';
import { setThemeChoice, storedThemeChoice, THEME_CHOICE_EVENT, type ThemeChoice } from '../lib/theme.ts';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark or the system's setting, remembered by this browser (and shown by its other tabs). */
export function ThemeSwitch() {
  const [choice, setChoice] = useState(storedThemeChoice);
  useEffect(() => {
    const follow = () => setChoice(storedThemeChoice());
    window.addEventListener(THEME_CHOICE_EVENT, follow);
    return () => window.removeEventListener(THEME_CHOICE_EVENT, follow);
  }, []);
  return (
    <select
      class="theme-switch"
      data-testid="theme-switch"
      aria-label="Colour theme"
      value={choice}
      onChange={(event) => {
        const next = event.currentTarget.value as ThemeChoice;
        setChoice(next);
        setThemeChoice(next);
      }}
    >
      {CHOICES.map(({ value, label }) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}
