import type { ServerMessage } from '@codestream/shared';
import type { RoomPeer } from './Room.ts';

/**
 * Who the room follows: the host socket that pressed "Follow me", until they turn it
 * off, another host takes the lead, or that socket leaves.
 */
export class RoomFollow {
  private leader: RoomPeer | null = null;

  constructor(
    private readonly options: {
      sendTo(peer: RoomPeer, message: ServerMessage): void;
      broadcast(message: ServerMessage): void;
    },
  ) {}

  /** Tells a joining socket whom to follow, if anyone leads. */
  joined(peer: RoomPeer): void {
    if (this.leader) this.options.sendTo(peer, this.message());
  }

  /** The socket left: if it led, no one does any more. */
  left(peer: RoomPeer): void {
    if (this.leader !== peer) return;
    this.leader = null;
    this.options.broadcast(this.message());
  }

  /** A host (the room checked the role) turns "Follow me" on or off. */
  set(peer: RoomPeer, on: boolean): void {
    if (on) {
      this.leader = peer;
    } else if (this.leader !== null && this.leader.id === peer.id) {
      this.leader = null;
    } else {
      const message = this.leader ? `${this.leader.name} leads, not you.` : 'No one is being followed.';
      this.options.sendTo(peer, { type: 'refused', message });
      return;
    }
    this.options.broadcast(this.message());
  }

  private message(): ServerMessage {
    const leader = this.leader;
    return { type: 'follow', leader: leader ? { id: leader.id, name: leader.name } : null };
  }
}
