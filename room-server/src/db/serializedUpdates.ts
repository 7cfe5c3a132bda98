import type { Collection, Db, Document } from 'mongodb';

/**
 * The writes that read a document and write it back. FerretDB's SQLite backend (the
 * embedded database) does not do that read and write in one transaction (FerretDB issue
 * 3040): two concurrent updates of one document, even of different fields, keep only the
 * last one's view — measured: 177 of 200 pairs of concurrent `$set`s lost a field.
 */
const READ_MODIFY_WRITE = new Set<PropertyKey>([
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'bulkWrite',
]);

/**
 * `db` whose collections run their read-modify-write operations one at a time, per
 * collection, in this process. SQLite takes one writer at a time anyway, so this costs
 * the embedded database little; a real MongoDB makes each update atomic itself and is not
 * wrapped. Other processes sharing the embedded database are not covered: it is meant for
 * one room-server (scale out on MongoDB).
 */
export function withSerializedUpdates(db: Db): Db {
  const wrapped = new Map<string, Collection<Document>>();
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver);
      return (name: string, options?: Parameters<Db['collection']>[1]) => {
        let collection = wrapped.get(name);
        if (!collection) {
          collection = serialized(target.collection(name, options));
          wrapped.set(name, collection);
        }
        return collection;
      };
    },
  });
}

function serialized<T extends Document>(collection: Collection<T>): Collection<T> {
  let last: Promise<unknown> = Promise.resolve();
  return new Proxy(collection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (!READ_MODIFY_WRITE.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = last.then(() => value.apply(target, args));
        // The next write waits for this one to settle, whatever its outcome.
        last = result.catch(() => undefined);
        return result;
      };
    },
  });
}

/** Whether the server behind `db` is FerretDB (its buildInfo names it). */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}
