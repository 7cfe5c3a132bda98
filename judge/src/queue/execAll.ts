import type { ChainableCommander } from 'ioredis';

/**
 * Runs a MULTI (or pipeline) and returns its replies. ioredis resolves a transaction whose
 * commands failed; this throws the first command's error instead, so no failure passes
 * unnoticed.
 */
export async function execAll(commands: ChainableCommander): Promise<unknown[]> {
  const replies = await commands.exec();
  if (!replies) throw new Error('Redis discarded the transaction');
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
