import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';

/** Someone who joined a class through its link (a roster's students are the roster). */
export interface ClassStudent {
  userId: string;
  /** Their account name when they joined. */
  name: string;
  joinedAt: Date;
}

export interface ClassRecord {
  _id: string;
  title: string;
  /** The host who made it: owner of every room of the class. */
  ownerId: string;
  /** Co-instructors (the owner is not listed): hosts of every room of the class, like the owner. */
  instructorIds: string[];
  problemSlugs: string[];
  /** The only accounts that are students of the class; null: whoever joins through the link. */
  roster: string[] | null;
  /** sha256 of the join link's token (the token is only in the link); null: no link. */
  joinTokenHash: string | null;
  /** Who joined through the link. */
  students: ClassStudent[];
  /** Whether students see who observes their room (used by the rooms' observer feature). */
  observersVisible: boolean;
  /** The instructors' message to every room of the class; null: none. */
  message: { text: string; at: Date; by: string } | null;
  /** The class-wide timer; null: none set. */
  timer: { durationMinutes: number; startedAt: Date | null } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What an instructor may change of a class in one request. */
export type ClassChange = Partial<Omit<ClassRecord, '_id' | 'ownerId' | 'students' | 'createdAt' | 'updatedAt'>>;

/** The instructors of a class: its owner and co-instructors. */
export function instructorsOf(record: Pick<ClassRecord, 'ownerId' | 'instructorIds'>): string[] {
  return [record.ownerId, ...record.instructorIds];
}

/** Whether `userId` is a student of the class (on its roster, or joined when it has none). */
export function isStudent(record: Pick<ClassRecord, 'roster' | 'students'>, userId: string): boolean {
  return record.roster ? record.roster.includes(userId) : record.students.some((s) => s.userId === userId);
}

export class ClassRepository {
  /**
   * One write per class at a time in this process: the embedded database loses one of
   * two concurrent `$set`s on one document (measured on rooms).
   */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(private readonly collection: Collection<ClassRecord>) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ ownerId: 1 });
    await this.collection.createIndex({ joinTokenHash: 1 }, { sparse: true });
  }

  async create(
    fields: Pick<ClassRecord, 'title' | 'ownerId' | 'instructorIds' | 'problemSlugs' | 'roster' | 'observersVisible'>,
  ): Promise<ClassRecord> {
    const now = new Date();
    const record: ClassRecord = {
      _id: randomBytes(12).toString('base64url'),
      ...fields,
      joinTokenHash: null,
      students: [],
      message: null,
      timer: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.collection.insertOne(record);
    return record;
  }

  find(id: string): Promise<ClassRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  findByJoinTokenHash(tokenHash: string): Promise<ClassRecord | null> {
    return this.collection.findOne({ joinTokenHash: tokenHash });
  }

  /** Classes `userId` teaches or is a student of, newest first; every class when null (admins). */
  listFor(userId: string | null, limit: number): Promise<ClassRecord[]> {
    const filter = userId
      ? { $or: [{ ownerId: userId }, { instructorIds: userId }, { roster: userId }, { 'students.userId': userId }] }
      : {};
    return this.collection.find(filter).sort({ createdAt: -1 }).limit(limit).toArray();
  }

  /** Stores `change` (field by field) and returns the class as stored after it; null when there is none. */
  update(id: string, change: ClassChange): Promise<ClassRecord | null> {
    return this.oneAtATime(id, () =>
      this.collection.findOneAndUpdate(
        { _id: id },
        { $set: { ...change, updatedAt: new Date() } },
        { returnDocument: 'after' },
      ),
    );
  }

  /** Adds a student who joined through the link; someone already in stays as they were. */
  addStudent(id: string, student: Omit<ClassStudent, 'joinedAt'>): Promise<void> {
    return this.oneAtATime(id, async () => {
      await this.collection.updateOne(
        { _id: id, 'students.userId': { $ne: student.userId } },
        { $push: { students: { ...student, joinedAt: new Date() } } },
      );
    });
  }

  private oneAtATime<T>(id: string, write: () => Promise<T>): Promise<T> {
    const next = (this.writing.get(id) ?? Promise.resolve()).catch(() => undefined).then(write);
    this.writing.set(id, next);
    void next
      .finally(() => {
        if (this.writing.get(id) === next) this.writing.delete(id);
      })
      .catch(() => undefined);
    return next;
  }
}
