import { DEFAULT_LANGUAGE, LANGUAGES, type LanguageId } from '@codestream/shared';
import { useEffect, useState } from 'preact/hooks';
import { createRoom } from '../lib/api.ts';
import { navigate } from '../lib/navigation.ts';
import { roomPath } from '../lib/route.ts';
import { Brand } from './Brand.tsx';
import { languageOptionLabel } from './LanguagePicker.tsx';

export function HomePage() {
  const [language, setLanguage] = useState<LanguageId>(DEFAULT_LANGUAGE);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'CodeStream — live coding rooms';
  }, []);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setCreating(true);
    setError(null);
    try {
      const room = await createRoom(language);
      navigate(roomPath(room.id));
    } catch (err) {
      setError((err as Error).message);
      setCreating(false);
    }
  }

  return (
    <div class="page home">
      <header class="topbar">
        <Brand />
      </header>
      <main class="home-main">
        <h1 class="home-title">Code together. Run it together.</h1>
        <p class="home-pitch">
          Open a room, share the link, and edit one program with everyone in it — then press Run and watch the output
          stream to all of you, live.
        </p>
        <form class="create-form" onSubmit={onSubmit}>
          <label class="field">
            <span class="field-label">Language</span>
            <select
              data-testid="language"
              value={language}
              onChange={(e) => setLanguage(e.currentTarget.value as LanguageId)}
              disabled={creating}
            >
              {LANGUAGES.map((l) => (
                <option key={l.id} value={l.id}>
                  {languageOptionLabel(l)}
                </option>
              ))}
            </select>
          </label>
          <button class="button primary large" type="submit" data-testid="create-room" disabled={creating}>
            {creating ? 'Creating…' : 'Create room'}
          </button>
        </form>
        {error && (
          <p class="form-error" role="alert" data-testid="create-error">
            {error}
          </p>
        )}
        <ul class="home-points">
          <li>Shared editor with everyone’s cursor and name</li>
          <li>Runs in an isolated sandbox, no network</li>
          <li>Output streams to the whole room as it is printed</li>
        </ul>
      </main>
    </div>
  );
}
