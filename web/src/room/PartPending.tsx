/** In place of a part of the room whose code is still loading, or could not be loaded (`parts`: the error). */
export function PartPending({ parts }: { parts: Error | null }) {
  return parts ? (
    <p class="form-error" role="alert">
      {parts.message}
    </p>
  ) : (
    <p class="console-empty" aria-busy="true">
      Loading…
    </p>
  );
}
