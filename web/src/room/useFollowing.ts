import type { FollowLeader } from '@codestream/shared';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Whose cursor this person's editor follows: someone they clicked, or the host who
 * pressed "Follow me" (until that host stops leading). Escape stops following.
 */
export function useFollowing(leader: FollowLeader | null, selfId: string | null) {
  const [following, setFollowing] = useState<FollowLeader | null>(null);
  const previous = useRef<FollowLeader | null>(null);
  const leaderId = leader?.id ?? null;

  useEffect(() => {
    const before = previous.current;
    previous.current = leader;
    if (leader && leader.id !== selfId) setFollowing(leader);
    // The lead ended: those still following the leader stop; someone followed by choice stays.
    else if (!leader && before) setFollowing((current) => (current?.id === before.id ? null : current));
  }, [leaderId, selfId]);

  const followingId = following?.id ?? null;
  useEffect(() => {
    if (!followingId) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setFollowing(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [followingId]);

  return [following, setFollowing] as const;
}
