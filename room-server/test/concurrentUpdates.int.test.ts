import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../src/database.ts';

// The embedded database (FerretDB) does not update a document in one transaction: two
// concurrent updates of different fields of one document kept only one of them in 177
// of 200 tries. openDatabase makes them take turns; this checks nothing is lost.

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ uri: inject('mongoUri'), dbName: `t_${randomBytes(6).toString('hex')}` });
});

afterAll(() => database.close());

describe('concurrent updates of one document', () => {
  it('keep every field each of them set', async () => {
    const collection = database.db.collection<{ _id: string; a: number; b: number; c: number }>('pairs');
    const ids = Array.from({ length: 50 }, (_, i) => `doc-${i}`);
    await collection.insertMany(ids.map((_id) => ({ _id, a: 0, b: 0, c: 0 })));
    await Promise.all(
      ids.flatMap((_id) => [
        collection.updateOne({ _id }, { $set: { a: 1 } }),
        collection.updateMany({ _id: { $in: [_id] } }, { $set: { b: 1 } }),
        collection.findOneAndUpdate({ _id }, { $inc: { c: 1 } }),
      ]),
    );
    const docs = await collection.find().toArray();
    expect(docs.filter((doc) => doc.a !== 1 || doc.b !== 1 || doc.c !== 1)).toEqual([]);
  });

  it('a failed update does not stop the ones after it', async () => {
    const collection = database.db.collection<{ _id: string; n: number }>('failing');
    // $inc of a string fails.
    await database.db.collection<{ _id: string; n: string }>('failing').insertOne({ _id: 'one', n: 'text' });
    const [failed, next] = await Promise.allSettled([
      collection.updateOne({ _id: 'one' }, { $inc: { n: 1 } }),
      collection.updateOne({ _id: 'one' }, { $set: { n: 2 } }),
    ]);
    expect(failed.status).toBe('rejected');
    expect(next.status).toBe('fulfilled');
    expect((await collection.findOne({ _id: 'one' }))?.n).toBe(2);
  });
});
