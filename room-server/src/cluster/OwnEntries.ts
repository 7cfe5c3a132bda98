import type { StorageState } from '../rooms/RoomLog.ts';
import { streamIdBefore } from './clusterKeys.ts';
import type { StreamEntry } from './streamEntries.ts';

/** An entry this server added to a room's stream. */
export interface OwnEntry {
  entry: StreamEntry;
  /** When the room accepted it. */
  at: number;
  /** Its stream id once Redis took it. */
  id: string | null;
}

export interface OwnEntriesOptions {
  /** An entry unconfirmed this long puts the room in the `waiting` state. */
  waitingAfterMs: number;
  onStorageState(state: StorageState, since: number): void;
}

/**
 * A room's entries this server added to the room's stream (its peers' updates and
 * joins), kept until the lease holder says it stored the stream up to them: whoever
 * holds the lease, this server tells its own peers truthfully whether their edits are
 * stored (`waiting` past `waitingAfterMs`, as a single server does).
 */
export class OwnEntries {
  private readonly entries: OwnEntry[] = [];
  private state: StorageState = 'stored';
  private waiters: (() => void)[] = [];

  constructor(private readonly options: OwnEntriesOptions) {}

  get storageState(): StorageState {
    return this.state;
  }

  get oldestAt(): number | null {
    return this.entries[0]?.at ?? null;
  }

  get count(): number {
    return this.entries.length;
  }

  add(entry: StreamEntry, at = Date.now()): void {
    this.entries.push({ entry, at, id: null });
  }

  /** Entries Redis has not taken yet, oldest first. */
  unsent(): OwnEntry[] {
    return this.entries.filter((own) => own.id === null);
  }

  /** The newest entry's stream id, once every entry was taken (null: some are not yet). */
  get lastId(): string | null {
    const last = this.entries.at(-1);
    if (!last) return '0-0';
    return this.unsent().length === 0 ? last.id : null;
  }

  /** Updates of entries not taken yet, or taken after stream id `after` (on their way to a reader). */
  updatesAfter(after: string | null): Uint8Array[] {
    return this.entries.flatMap(({ entry, id }) =>
      entry.type === 'update' && (id === null || after === null || streamIdBefore(after, id)) ? [entry.update] : [],
    );
  }

  /** The holder stored the stream up to `upTo`: entries up to it are stored. */
  confirm(upTo: string, now = Date.now()): void {
    let count = 0;
    for (const own of this.entries) {
      if (own.id === null || streamIdBefore(upTo, own.id)) break;
      count += 1;
    }
    if (count === 0) return;
    this.entries.splice(0, count);
    if (this.state === 'waiting') {
      const oldest = this.oldestAt;
      if (oldest === null || now - oldest < this.options.waitingAfterMs) this.setState('stored', now);
    }
    if (this.entries.length === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** The room was deleted: its entries will never be stored, and nobody waits for them. */
  forsake(now = Date.now()): void {
    this.entries.splice(0);
    if (this.state === 'waiting') this.setState('stored', now);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Starts waiting once the oldest unconfirmed entry is older than `waitingAfterMs`. */
  check(now = Date.now()): void {
    const oldest = this.oldestAt;
    if (this.state === 'stored' && oldest !== null && now - oldest >= this.options.waitingAfterMs) {
      this.setState('waiting', oldest);
    }
  }

  /** Resolves once every entry is confirmed stored. */
  stored(): Promise<void> {
    if (this.entries.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private setState(state: StorageState, since: number): void {
    this.state = state;
    this.options.onStorageState(state, since);
  }
}
