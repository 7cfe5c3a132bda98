import type { LanguageId, RoomControls, RoomRole, RoomSession } from '@codestream/shared';
import { Binary, type Collection } from 'mongodb';
import type { RoomActivityFacts } from './RoomActivity.ts';

export interface RoomInvite {
  /** sha256 of the invite token; the token itself is only in the link. */
  tokenHash: string;
  /** Whether people without an account may join with it (interview candidates). */
  allowGuests: boolean;
  createdBy: string;
  expiresAt: Date;
  /** The role it gives (absent on invites made before roles: editor). */
  role?: RoomRole;
  /** Absent on invites made before invites were listed. */
  createdAt?: Date;
}

/** Names an invite in routes and on the guests it let in (never the token itself). */
export function inviteId(invite: Pick<RoomInvite, 'tokenHash'>): string {
  return invite.tokenHash.slice(0, 16);
}

/** Someone an invite let in, with the role it gave them (the owner is not listed). */
export interface RoomParticipant {
  /** The account, or null for a guest. */
  userId: string | null;
  /** The guest (their session's guest id), or null for an account. */
  guestId: string | null;
  /** As they were known when they joined (account name, or the name the guest gave). */
  name?: string;
  role: RoomRole;
  joinedAt: Date;
  /** Set when a host removed them: their invite no longer lets them in. */
  removedAt?: Date | null;
  /** The invite a guest came in through (see inviteId): revoking it ends their access. */
  inviteId?: string | null;
}

/** Names one participant in routes: `u:<userId>` or `g:<guestId>`. */
export function participantKey(participant: Pick<RoomParticipant, 'userId' | 'guestId'>): string {
  return participant.userId ? `u:${participant.userId}` : `g:${participant.guestId}`;
}

export interface RoomRecord {
  _id: string;
  language: LanguageId;
  ownerId: string;
  /** Accounts that joined through an invite (the owner is not listed). */
  members: string[];
  /** Everyone an invite let in, with their role (absent on rooms made before roles: members are editors). */
  participants?: RoomParticipant[];
  /** Counts changes of `participants` (see RoomRepository.changeParticipant). */
  participantsVersion?: number;
  problemSlug: string | null;
  invites: RoomInvite[];
  /** Invites a host revoked (see inviteId): they let no one in, and their guests are out. */
  revokedInvites?: string[];
  createdAt: Date;
  updatedAt: Date;
  /** The room's Y.Doc as one Yjs update (Y.encodeStateAsUpdate), as of `docSeq`. */
  doc: Binary;
  /**
   * The last logged update `doc` includes (0 for a new room's seed). Absent on rooms made
   * before the update log, whose doc is their whole stored state.
   */
  docSeq?: number;
  /**
   * Set while a server has the room loaded; cleared when it stores `doc` on a clean unload.
   * While set, updates may have been logged after `doc`: loading reads the log.
   */
  openSince?: Date | null;
  /**
   * The room's latest run and submission (null: none yet), so loading the room reads them
   * by _id instead of searching (the embedded database scans the whole collection for any
   * other query). Absent on rooms made before they were kept: loading searches once.
   */
  latestRunId?: string | null;
  latestSubmissionId?: string | null;
  /** What its hosts decided for everyone, as far as they changed it (the rest: DEFAULT_ROOM_CONTROLS). */
  controls?: Partial<RoomControls>;
  /** Title, timer and end, as far as they were set (the rest: DEFAULT_ROOM_SESSION). */
  session?: Partial<RoomSession>;
  /** Set on a member's own room on its problem (POST /api/problems/:slug/practice): one per owner and problem. */
  practice?: boolean;
  /** The class this room belongs to (a student's room on one of its problems); absent otherwise. */
  classId?: string;
  /** Accounts that are hosts of the room besides its owner (a class's instructors). */
  hostIds?: string[];
  /** Who edited last, where, and failures in a row, as of the last clean unload (dashboards read it). */
  activity?: RoomActivityFacts;
}

/** A room with this id exists already (rooms whose id is derived from what they are for). */
export class RoomExistsError extends Error {
  readonly reason = 'room-exists';
}

/** Which latest job a room record points at. */
export type LatestJobField = 'latestRunId' | 'latestSubmissionId';

export type RoomMeta = Omit<RoomRecord, 'doc'>;

export class RoomRepository {
  constructor(private readonly collection: Collection<RoomRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ ownerId: 1, createdAt: -1 });
    await this.collection.createIndex({ members: 1 });
    await this.collection.createIndex({ classId: 1 }, { sparse: true });
  }

  async create(room: {
    _id: string;
    language: LanguageId;
    ownerId: string;
    problemSlug: string | null;
    doc: Uint8Array;
    session?: RoomSession;
    practice?: boolean;
    classId?: string;
    hostIds?: string[];
    controls?: Partial<RoomControls>;
    /** Accounts let in from the start (a class's student), with their role. */
    participants?: { userId: string; name: string; role: RoomRole }[];
  }): Promise<RoomRecord> {
    const now = new Date();
    const { participants = [], ...fields } = room;
    const record: RoomRecord = {
      ...fields,
      members: participants.map((p) => p.userId),
      participants: participants.map((p) => ({ ...p, guestId: null, joinedAt: now, removedAt: null })),
      invites: [],
      doc: new Binary(room.doc),
      docSeq: 0,
      openSince: null,
      latestRunId: null,
      latestSubmissionId: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.collection.insertOne(record);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new RoomExistsError(`room ${room._id} exists`);
      throw err;
    }
    return record;
  }

  /** The rooms of a class, oldest first. */
  listByClass(classId: string): Promise<RoomMeta[]> {
    return this.collection
      .find({ classId }, { projection: { doc: 0 } })
      .sort({ createdAt: 1 })
      .toArray();
  }

  /** Makes `hostIds` the hosts of every room of the class (its instructors changed). */
  /** Whether observing hosts show to students, in every room of the class (a class setting). */
  async setClassObserversVisible(classId: string, visible: boolean): Promise<void> {
    await this.collection.updateMany(
      { classId },
      { $set: { 'controls.observersVisible': visible, updatedAt: new Date() } },
    );
  }

  async setClassHosts(classId: string, hostIds: string[]): Promise<void> {
    await this.collection.updateMany({ classId }, { $set: { hostIds, updatedAt: new Date() } });
  }

  find(id: string): Promise<RoomRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  /** Metadata only: skips the doc, which can be large. */
  findMeta(id: string): Promise<RoomMeta | null> {
    return this.collection.findOne({ _id: id }, { projection: { doc: 0 } });
  }

  /** Rooms `userId` owns or joined, newest first; every room when `userId` is null (admins). */
  list(userId: string | null, limit: number): Promise<RoomMeta[]> {
    const filter = userId ? { $or: [{ ownerId: userId }, { members: userId }] } : {};
    return this.collection
      .find(filter, { projection: { doc: 0 } })
      .sort({ createdAt: -1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Lets an account in with `role`; someone already in keeps the role they have (a host
   * changes it), and the owner is never listed.
   */
  async addMember(id: string, userId: string, role: RoomRole, name: string): Promise<void> {
    await this.collection.updateOne({ _id: id, ownerId: { $ne: userId } }, { $addToSet: { members: userId } });
    await this.collection.updateOne(
      { _id: id, ownerId: { $ne: userId }, 'participants.userId': { $ne: userId } },
      {
        $push: { participants: { userId, guestId: null, name, role, joinedAt: new Date(), removedAt: null } },
        $inc: { participantsVersion: 1 },
      },
    );
  }

  /** Lets a guest in with `role`; a guest already in keeps the role they have. */
  async addGuest(id: string, guestId: string, role: RoomRole, name: string, invite: string): Promise<void> {
    await this.collection.updateOne(
      { _id: id, 'participants.guestId': { $ne: guestId } },
      {
        $push: {
          participants: { userId: null, guestId, name, role, joinedAt: new Date(), removedAt: null, inviteId: invite },
        },
        $inc: { participantsVersion: 1 },
      },
    );
  }

  /** A host gives participant `key` (see participantKey) another role; false when there is none. */
  setParticipantRole(id: string, key: string, role: RoomRole): Promise<boolean> {
    return this.changeParticipant(id, key, (participant) => ({ ...participant, role }));
  }

  /** A host removes participant `key`; false when there is none. */
  removeParticipant(id: string, key: string): Promise<boolean> {
    return this.changeParticipant(id, key, (participant) => ({ ...participant, removedAt: new Date() }));
  }

  /** Lets a removed participant `key` in again (a student back on a class's roster); false when there is none. */
  restoreParticipant(id: string, key: string): Promise<boolean> {
    return this.changeParticipant(id, key, (participant) => ({ ...participant, removedAt: null }));
  }

  /**
   * Rewrites one participant. The embedded database has no positional update (`$`), so the
   * list is read and written whole, guarded by `participantsVersion` (every change of the
   * list increments it): a change that raced with another is tried again.
   */
  private async changeParticipant(
    id: string,
    key: string,
    change: (participant: RoomParticipant) => RoomParticipant,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const room = await this.collection.findOne(
        { _id: id },
        { projection: { participants: 1, participantsVersion: 1 } },
      );
      const participants = room?.participants ?? [];
      const index = participants.findIndex((p) => participantKey(p) === key);
      if (!room || index < 0) return false;
      const next = participants.map((p, i) => (i === index ? change(p) : p));
      const version = room.participantsVersion ?? 0;
      const result = await this.collection.updateOne(
        {
          _id: id,
          ...(version === 0 ? { participantsVersion: { $exists: false } } : { participantsVersion: version }),
        },
        { $set: { participants: next }, $inc: { participantsVersion: 1 } },
      );
      if (result.matchedCount > 0) return true;
    }
    throw new Error(`room ${id}: its participants kept changing while one was being changed`);
  }

  async addInvite(id: string, invite: RoomInvite): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $push: { invites: invite } });
  }

  async revokeInvite(id: string, invite: string): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $addToSet: { revokedInvites: invite } });
  }

  /** The rooms' logs run ahead of their `doc` until `storeClosedDoc`. */
  async markOpen(ids: readonly string[]): Promise<void> {
    await this.collection.updateMany({ _id: { $in: [...ids] } }, { $set: { openSince: new Date() } });
  }

  /**
   * The room was unloaded with every update stored: `doc` (as of `seq`) is its whole state,
   * so the next load need not read the log (the embedded database scans a whole
   * collection for any query but one by _id, and the log only grows).
   */
  async storeClosedDoc(id: string, doc: Uint8Array, seq: number, activity: RoomActivityFacts): Promise<void> {
    const stored = { doc: new Binary(doc), docSeq: seq, openSince: null, activity };
    // Edits since the last store (the log moved on) are activity: room lists sort and show it.
    const edited = await this.collection.updateOne(
      { _id: id, docSeq: { $ne: seq } },
      { $set: { ...stored, updatedAt: new Date() } },
    );
    if (edited.matchedCount === 0) await this.collection.updateOne({ _id: id }, { $set: stored });
  }

  /** The practice room `ownerId` has on problem `slug`, if any. */
  findPractice(ownerId: string, slug: string): Promise<RoomMeta | null> {
    return this.collection.findOne({ ownerId, problemSlug: slug, practice: true }, { projection: { doc: 0 } });
  }

  /** Rooms `ownerId` owns (ids only), for the limit of rooms per member. */
  async idsOwnedBy(ownerId: string): Promise<string[]> {
    const rooms = await this.collection.find({ ownerId }, { projection: { _id: 1 } }).toArray();
    return rooms.map((room) => room._id);
  }

  /** Removes the record (the room's log, snapshots and events are removed by deleteRoomData). */
  async remove(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: id })).deletedCount > 0;
  }

  /** Points the room at its newest run or submission (stored before the job itself: see RoomRecord). */
  async setLatestJob(id: string, field: LatestJobField, jobId: string): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { [field]: jobId } });
  }

  /**
   * Changes some of what the hosts decided for everyone, field by field (two hosts
   * changing different controls at once both keep their change).
   */
  async setControls(id: string, change: Partial<RoomControls>): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { ...fieldsOf('controls', change), updatedAt: new Date() } });
  }

  /** Changes some of the room's title, timer and end, field by field. */
  async setSession(id: string, change: Partial<RoomSession>): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { ...fieldsOf('session', change), updatedAt: new Date() } });
  }

  /** The room's language lives on the record only (not in the doc, where anyone could write it). */
  async setLanguage(id: string, language: LanguageId): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { language, updatedAt: new Date() } });
  }
}

/** `{ a: 1 }` under `prefix` as `{ 'prefix.a': 1 }`, for a `$set` of those fields only. */
function fieldsOf(prefix: string, change: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(change).map(([key, value]) => [`${prefix}.${key}`, value]));
}
