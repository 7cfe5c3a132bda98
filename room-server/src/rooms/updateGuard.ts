import * as Y from 'yjs';
import { decodeTextUpdate, type StructId, UpdateFormatError, type UpdateStruct } from './updateFormat.ts';

export type UpdateCheck =
  /** `structs`: how many structs it adds (0 for an update that only deletes). */
  | { ok: true; structs: number }
  /**
   * `detail` says what was wrong, for the log. `missing`: the update is well formed but
   * builds on something the room does not have yet (it may arrive in a later update).
   */
  | { ok: false; detail: string; missing: boolean };

/** The update builds on structs or deletes something the room does not have (yet). */
class MissingDependencyError extends UpdateFormatError {}

/** Where a struct ends up: in one of the room's texts, or collected (harmless, holds nothing). */
type Placement = { root: string } | 'collected';

/**
 * Checks, without applying it, that `update` can be applied whole to `doc`: it decodes to
 * the last byte, touches only the texts in `roots` (keyed by their root name), and depends
 * only on what the doc or the update itself holds — so Yjs integrates all of it at once
 * and nothing waits as pending structs or deletes for a later update to complete it.
 * A struct that fails any of this refuses the whole update.
 */
export function checkUpdate(doc: Y.Doc, roots: ReadonlyMap<string, Y.Text>, update: Uint8Array): UpdateCheck {
  try {
    return { ok: true, structs: new UpdateChecker(doc, roots, update).run() };
  } catch (err) {
    if (err instanceof UpdateFormatError) {
      return { ok: false, detail: err.message, missing: err instanceof MissingDependencyError };
    }
    throw err;
  }
}

interface Entry {
  struct: UpdateStruct;
  placement?: Placement;
  visiting?: boolean;
}

class UpdateChecker {
  /** The update's structs per client, in clock order. */
  private readonly byClient = new Map<number, Entry[]>();
  private readonly rootOf = new Map<Y.AbstractType<unknown>, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly roots: ReadonlyMap<string, Y.Text>,
    private readonly update: Uint8Array,
  ) {
    for (const [key, type] of roots) this.rootOf.set(type as Y.AbstractType<unknown>, key);
  }

  run(): number {
    const { clients, deletes } = decodeTextUpdate(this.update);
    let count = 0;
    for (const { client, clock, structs } of clients) {
      // Starting past what the doc has would leave the structs pending, waiting for a gap.
      if (structs.length > 0 && clock > this.docState(client)) {
        throw new MissingDependencyError(
          `client ${client} starts at ${clock}, past the room's ${this.docState(client)}`,
        );
      }
      this.byClient.set(
        client,
        structs.map((struct) => ({ struct })),
      );
      count += structs.length;
    }
    for (const entries of this.byClient.values()) {
      for (const entry of entries) this.checkOverlap(entry.struct, this.place(entry));
    }
    for (const range of deletes) {
      if (range.clock + range.length > this.knownEnd(range.client)) {
        throw new MissingDependencyError(`deletes ${range.client}:${range.clock}+${range.length}, which nobody has`);
      }
    }
    return count;
  }

  private docState(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  /** The clock after the last struct of `client` in the doc or the update. */
  private knownEnd(client: number): number {
    const last = this.byClient.get(client)?.at(-1)?.struct;
    return Math.max(this.docState(client), last ? last.id.clock + last.length : 0);
  }

  /**
   * Where an entry of the update ends up, following origins as Yjs does (left's parent,
   * else right's; collected if either neighbour is collected). Iterative: origin chains
   * through an update can be as long as its structs.
   */
  private place(start: Entry): Placement {
    const stack = [start];
    while (stack.length > 0) {
      const entry = stack[stack.length - 1] as Entry;
      if (entry.placement) {
        stack.pop();
        continue;
      }
      const struct = entry.struct;
      if (struct.kind === 'gc') {
        entry.placement = 'collected';
        continue;
      }
      if (struct.parentKey !== null) {
        if (!this.roots.has(struct.parentKey))
          throw new UpdateFormatError(`root "${struct.parentKey}" is not a room text`);
        entry.placement = { root: struct.parentKey };
        continue;
      }
      const neighbours: (Placement | Entry)[] = [];
      for (const id of [struct.origin, struct.rightOrigin]) {
        if (id) neighbours.push(this.locate(id, struct));
      }
      const waiting = neighbours.filter(isEntry).find((n) => !n.placement);
      if (waiting) {
        if (waiting.visiting) throw new UpdateFormatError('structs whose origins form a cycle');
        entry.visiting = true;
        stack.push(waiting);
        continue;
      }
      entry.visiting = false;
      entry.placement = combine(neighbours.map((n) => (isEntry(n) ? (n.placement as Placement) : n)));
    }
    return start.placement as Placement;
  }

  /** The placement of the struct holding `id` in the doc, or its entry in the update. */
  private locate(id: StructId, from: UpdateStruct): Placement | Entry {
    if (id.clock < this.docState(id.client)) return this.placeInDoc(id);
    // Yjs takes an origin of the item's own client to be an earlier struct of it.
    if (id.client === from.id.client && id.clock >= from.id.clock) {
      throw new UpdateFormatError('an item refers to a later item of its own client');
    }
    const entry = this.findEntry(id);
    if (!entry) throw new MissingDependencyError(`refers to ${id.client}:${id.clock}, which nobody has`);
    return entry;
  }

  private placeInDoc(id: StructId): Placement {
    const struct = Y.getItem(this.doc.store, Y.createID(id.client, id.clock));
    if (!(struct instanceof Y.Item)) return 'collected';
    const root = this.rootOf.get(struct.parent as Y.AbstractType<unknown>);
    if (root === undefined || struct.parentSub !== null) {
      throw new UpdateFormatError(`refers to ${id.client}:${id.clock}, which is not in a room text`);
    }
    return { root };
  }

  private findEntry(id: StructId): Entry | undefined {
    const entries = this.byClient.get(id.client);
    if (!entries) return undefined;
    // Binary search: entries are contiguous and in clock order.
    let low = 0;
    let high = entries.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const entry = entries[mid] as Entry;
      const { clock } = entry.struct.id;
      if (id.clock < clock) high = mid - 1;
      else if (id.clock >= clock + entry.struct.length) low = mid + 1;
      else return entry;
    }
    return undefined;
  }

  /**
   * A struct that starts inside what the doc has is cut by Yjs and linked after the doc's
   * own previous struct of that client: that struct must be in the same text.
   */
  private checkOverlap(struct: UpdateStruct, placement: Placement): void {
    const state = this.docState(struct.id.client);
    if (struct.id.clock >= state || struct.id.clock + struct.length <= state) return;
    const before = this.placeInDoc({ client: struct.id.client, clock: state - 1 });
    if (placement === 'collected' || before === 'collected') return;
    if (before.root !== placement.root) throw new UpdateFormatError('a struct continues another text');
  }
}

function isEntry(value: Placement | Entry): value is Entry {
  return typeof value === 'object' && 'struct' in value;
}

function combine(neighbours: Placement[]): Placement {
  if (neighbours.length === 0) throw new UpdateFormatError('an item without parent or origin');
  if (neighbours.includes('collected')) return 'collected';
  const roots = new Set(neighbours.map((n) => (n as { root: string }).root));
  if (roots.size > 1) throw new UpdateFormatError('an item between two texts');
  return neighbours[0] as Placement;
}
