import { DEFAULT_LANGUAGE, type LanguageId, MAX_TITLE_LENGTH } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { createRoom } from '../api/roomApi.ts';
import { errorMessage } from '../lib/http.ts';
import { navigate } from '../lib/navigation.ts';
import { roomPath } from '../lib/route.ts';
import { FormError } from './FormError.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';

/**
 * Title, language + "Create room"; with `problemSlug`, the room opens on that problem (its
 * statement beside the editor, its starter code in it).
 */
export function CreateRoomForm({
  problemSlug,
  initialLanguage = DEFAULT_LANGUAGE,
  submitLabel = 'Create room',
  submitTestId = 'create-room',
  languageTestId = 'language',
}: {
  problemSlug?: string;
  initialLanguage?: LanguageId;
  submitLabel?: string;
  submitTestId?: string;
  languageTestId?: string;
}) {
  const [language, setLanguage] = useState<LanguageId>(initialLanguage);
  const [title, setTitle] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setCreating(true);
    setError(null);
    try {
      const room = await createRoom({ language, problemSlug, title: title.trim() });
      navigate(roomPath(room.id));
    } catch (err) {
      setError(errorMessage(err));
      setCreating(false);
    }
  }

  return (
    <form class="create-form" onSubmit={onSubmit}>
      <label class="field inline">
        <span class="field-label">Title</span>
        <input
          type="text"
          data-testid={`${submitTestId}-title`}
          placeholder="e.g. Interview with Ada (optional)"
          maxLength={MAX_TITLE_LENGTH}
          value={title}
          disabled={creating}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <LanguageSelect
        id={`${submitTestId}-language`}
        testId={languageTestId}
        value={language}
        disabled={creating}
        onChange={setLanguage}
      />
      <button class="button primary large" type="submit" data-testid={submitTestId} disabled={creating}>
        {creating ? 'Creating…' : submitLabel}
      </button>
      <FormError message={error} testId="create-error" />
    </form>
  );
}
