import type { Difficulty, Visibility } from '@codestream/shared';

export function DifficultyBadge({ difficulty }: { difficulty: Difficulty }) {
  return (
    <span class={`pill difficulty-${difficulty}`} data-testid="difficulty">
      {difficulty}
    </span>
  );
}

export function DraftBadge({ visibility }: { visibility: Visibility }) {
  if (visibility !== 'draft') return null;
  return (
    <span class="pill pill-draft" data-testid="draft-badge" title="Only authors and admins see drafts">
      draft
    </span>
  );
}

/** Tags as pills; with `onTag`, each is a button that filters by it. */
export function TagList({ tags, onTag }: { tags: readonly string[]; onTag?(tag: string): void }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          {onTag ? (
            <button type="button" class="pill tag" title={`Show problems tagged ${tag}`} onClick={() => onTag(tag)}>
              {tag}
            </button>
          ) : (
            <span class="pill tag">{tag}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
