/**
 * Names of everything the room-servers share in Redis, all under one prefix. Per room:
 * its stream (accepted updates and events, in the order Redis took them), its storage
 * lease and fencing counter, where its stored part of the stream ends, and its pub/sub
 * channel (cursors now; any cross-server room message may use it). Per server: its
 * heartbeat.
 */
export const KEY_PREFIX = 'codestream:';

export const clusterKeys = {
  stream: (roomId: string) => `${KEY_PREFIX}room:{${roomId}}:stream`,
  lease: (roomId: string) => `${KEY_PREFIX}room:{${roomId}}:lease`,
  epoch: (roomId: string) => `${KEY_PREFIX}room:{${roomId}}:epoch`,
  stored: (roomId: string) => `${KEY_PREFIX}room:{${roomId}}:stored`,
  channel: (roomId: string) => `${KEY_PREFIX}room:{${roomId}}:channel`,
  heartbeat: (serverId: string) => `${KEY_PREFIX}server:${serverId}`,
};

/** Whether stream id `a` comes before `b` (ids are `<ms>-<n>`, compared as numbers). */
export function streamIdBefore(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs < bMs || (aMs === bMs && aSeq < bSeq);
}

/** The later of two stream ids. */
export function laterStreamId(a: string, b: string): string {
  return streamIdBefore(a, b) ? b : a;
}
