import { DocKeys, SizeBudget, type UpdateRefusalReason } from '@codestream/shared';
import * as Y from 'yjs';
import { checkUpdate } from './updateGuard.ts';

/** Why an update was refused: `message` is for the person who sent it, `detail` for the log. */
export interface UpdateRefusal {
  reason: UpdateRefusalReason;
  message: string;
  detail: string;
  /** Well formed, but builds on something the room does not have yet (see HeldUpdates). */
  missing: boolean;
}

export interface RoomDocGuardOptions {
  doc: Y.Doc;
  /** Largest encoded size of the doc (Y.encodeStateAsUpdate), in bytes. */
  maxBytes: number;
  /** The doc's texts, by root name: updates may change nothing else (default: the room's code and stdin). */
  texts?: readonly string[];
}

/**
 * Decides whether a participant's update may be applied to the room's doc: valid as a
 * whole (see checkUpdate) and within the size limit. Updates are applied only after
 * this says yes, so a refused one leaves no trace.
 */
export class RoomDocGuard {
  private readonly doc: Y.Doc;
  private readonly roots: ReadonlyMap<string, Y.Text>;
  private readonly budget: SizeBudget;

  constructor(options: RoomDocGuardOptions) {
    this.doc = options.doc;
    // Defined as texts here, so an update naming them can never make them another type.
    const texts = options.texts ?? [DocKeys.code, DocKeys.stdin];
    this.roots = new Map(texts.map((key) => [key, options.doc.getText(key)]));
    this.budget = new SizeBudget({
      limit: options.maxBytes,
      measure: () => Y.encodeStateAsUpdate(this.doc).byteLength,
    });
  }

  get maxBytes(): number {
    return this.budget.limit;
  }

  /** Null when `update` may be applied. */
  check(update: Uint8Array): UpdateRefusal | null {
    const checked = checkUpdate(this.doc, this.roots, update);
    if (!checked.ok) {
      return {
        reason: 'invalid',
        message: "it was not a valid change to the room's code",
        detail: checked.detail,
        missing: checked.missing,
      };
    }
    // An update of deletions only never adds content: people can always delete, even at the limit.
    if (checked.structs > 0 && !this.budget.fits(update.byteLength)) {
      return {
        reason: 'too-large',
        message: `the room's code reached its size limit (${formatLimit(this.budget.limit)})`,
        detail: `doc would pass ${this.budget.limit} bytes`,
        missing: false,
      };
    }
    return null;
  }

  /** Records an applied update (it grew the doc by at most its own size). */
  applied(update: Uint8Array): void {
    this.budget.grew(update.byteLength);
  }
}

function formatLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
