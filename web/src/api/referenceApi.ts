import { type ReferenceCheckEvent, type ReferenceCheckInput, referenceCheckEventSchema } from '@codestream/shared';
import { ApiError, type Fetch, request, UNEXPECTED_MESSAGE } from '../lib/http.ts';

/**
 * POST /api/problems/:slug/reference-check: calls `onEvent` with each line of the
 * NDJSON answer as the server writes it (a verdict per test, as the judge gives it).
 */
export async function referenceCheck(
  slug: string,
  input: ReferenceCheckInput,
  onEvent: (event: ReferenceCheckEvent) => void,
  signal?: AbortSignal,
  fetchImpl?: Fetch,
): Promise<void> {
  const res = await request(`/api/problems/${encodeURIComponent(slug)}/reference-check`, {
    method: 'POST',
    json: input,
    signal,
    fetchImpl,
  });
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new ApiError(UNEXPECTED_MESSAGE, 0);
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') continue;
      const parsed = referenceCheckEventSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new ApiError(UNEXPECTED_MESSAGE, 0);
      onEvent(parsed.data);
    }
  }
}
