import type { FollowLeader, ServerMessage } from '@codestream/shared';
import type { RoomPeer } from './Room.ts';

/**
 * Who the room follows: the host socket that pressed "Follow me", until they turn it
 * off, another host takes the lead, or that socket leaves. The leader may be connected to
 * another server (`peer` null): that server says when they stop leading.
 */
export class RoomFollow {
  private leader: (FollowLeader & { peer: RoomPeer | null }) | null = null;

  constructor(
    private readonly options: {
      sendTo(peer: RoomPeer, message: ServerMessage): void;
      broadcast(message: ServerMessage): void;
    },
  ) {}

  /** The leader if their socket is on this server. */
  get leaderHere(): FollowLeader | null {
    return this.leader?.peer ? { id: this.leader.id, name: this.leader.name } : null;
  }

  /** Tells a joining socket whom to follow, if anyone leads. */
  joined(peer: RoomPeer): void {
    if (this.leader) this.options.sendTo(peer, this.message());
  }

  /** The socket left: if it led, no one does any more. */
  left(peer: RoomPeer): void {
    if (!this.leader || this.leader.peer !== peer) return;
    this.leader = null;
    this.options.broadcast(this.message());
  }

  /** A host (the room checked the role) turns "Follow me" on or off. */
  set(peer: RoomPeer, on: boolean): void {
    if (on) {
      this.leader = { id: peer.id, name: peer.name, peer };
    } else if (this.leader !== null && this.leader.id === peer.id) {
      this.leader = null;
    } else {
      const message = this.leader ? `${this.leader.name} leads, not you.` : 'No one is being followed.';
      this.options.sendTo(peer, { type: 'refused', message });
      return;
    }
    this.options.broadcast(this.message());
  }

  /** Whom the room follows, as another server said (its clients are told by the room). */
  setElsewhere(leader: FollowLeader | null): void {
    this.leader = leader && { ...leader, peer: null };
  }

  private message(): ServerMessage {
    const leader = this.leader;
    return { type: 'follow', leader: leader ? { id: leader.id, name: leader.name } : null };
  }
}
