import { SizeBudget } from '@codestream/shared';
import * as Y from 'yjs';
import { formatBytes } from '../lib/format.ts';

/** Bytes a Yjs update adds around the text it inserts, per changed range (ids, origins, deletions). */
const UPDATE_BYTES_PER_CHANGE = 64;

/**
 * The room's doc size limit as this client checks it before an edit is applied, so the
 * server (which refuses updates past it) never has to. Unknown until the server says.
 */
export class DocSizeLimit {
  private budget: SizeBudget | null = null;
  private readonly onUpdate = (update: Uint8Array) => this.budget?.grew(update.byteLength);

  constructor(private readonly doc: Y.Doc) {
    doc.on('update', this.onUpdate);
  }

  setLimit(limit: number): void {
    if (this.budget?.limit === limit) return;
    this.budget = new SizeBudget({ limit, measure: () => collectedSize(this.doc) });
  }

  /** Null when inserting `bytes` of text in `changes` places fits; else what to tell the person. */
  refusal(bytes: number, changes: number): string | null {
    if (!this.budget || this.budget.fits(bytes + changes * UPDATE_BYTES_PER_CHANGE)) return null;
    return `This change would make the room's code larger than its limit (${formatBytes(this.budget.limit)}). Delete something first.`;
  }

  close(): void {
    this.doc.off('update', this.onUpdate);
  }
}

/**
 * The doc's encoded size as the server holds it. The undo managers keep deleted text here
 * (so it can be undone) while the server collects it: measured on a copy that collects it.
 */
function collectedSize(doc: Y.Doc): number {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const size = Y.encodeStateAsUpdate(copy).byteLength;
  copy.destroy();
  return size;
}
