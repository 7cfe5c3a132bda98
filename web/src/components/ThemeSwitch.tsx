import { useState } from 'preact/hooks';
import { setThemeChoice, storedThemeChoice, type ThemeChoice } from '../lib/theme.ts';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark or the system's setting, remembered by this browser. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState(storedThemeChoice);
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
