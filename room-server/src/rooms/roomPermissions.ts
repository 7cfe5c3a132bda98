import type { ClientMessage, RoomControls, RoomRole } from '@codestream/shared';

/** What decides whether a participant may act in a room. */
export interface ActionContext {
  role: RoomRole;
  /** The room ended: a read-only archive for everyone until a host reopens it. */
  ended: boolean;
  controls: RoomControls;
}

/** Why someone with `role` may not change the code (null: they may). */
export function readOnlyReason(role: RoomRole, ended: boolean): string | null {
  if (ended) return 'the room has ended: it is a read-only archive until a host reopens it';
  if (role === 'viewer') return 'you are a viewer in this room: only its hosts and editors can change the code';
  return null;
}

/** Actions everyone in the room may take, viewers too (until it ends). */
type SocialAction = 'chat' | 'follow-me';
type JobAction = Exclude<ClientMessage['type'], SocialAction>;

/**
 * Why the room refuses `action` to this participant (null: allowed). Everyone chats;
 * only hosts lead "Follow me"; viewers do nothing else; hosts' controls (run policy,
 * language lock) bind everyone but hosts; an ended room takes nothing from anyone.
 */
export function actionRefusal({ role, ended, controls }: ActionContext, action: ClientMessage['type']): string | null {
  if (ended) return ENDED_REFUSALS[action];
  if (action === 'chat') return null;
  if (action === 'follow-me') return role === 'host' ? null : FOLLOW_HOSTS_ONLY;
  if (role === 'viewer') return VIEWER_REFUSALS[action];
  if (role === 'host') return null;
  if (action === 'set-language') return controls.languageLocked ? LANGUAGE_LOCKED : null;
  return controls.runPolicy === 'hosts' ? HOSTS_RUN[action] : null;
}

/** What a viewer is told when they ask for what only hosts and editors may do. */
const VIEWER_REFUSALS: Record<JobAction, string> = {
  run: 'You are a viewer in this room: only its hosts and editors can run the code.',
  submit: 'You are a viewer in this room: only its hosts and editors can submit.',
  stop: 'You are a viewer in this room: only its hosts and editors can stop a run or submission.',
  input: 'You are a viewer in this room: only its hosts and editors can type into the running program.',
  'set-language': 'You are a viewer in this room: only its hosts and editors can change the language.',
};

/** What everyone is told once the room has ended. */
const ENDED_REFUSALS: Record<ClientMessage['type'], string> = {
  run: 'The room has ended: nothing can be run until a host reopens it.',
  submit: 'The room has ended: nothing can be submitted until a host reopens it.',
  stop: 'The room has ended: nothing is running.',
  input: 'The room has ended: nothing is running to take input.',
  'set-language': 'The room has ended: its language cannot change until a host reopens it.',
  chat: 'The room has ended: its chat is closed until a host reopens it.',
  'follow-me': 'The room has ended: no one can be followed until a host reopens it.',
};

const FOLLOW_HOSTS_ONLY = 'Only hosts can ask everyone to follow them.';

const LANGUAGE_LOCKED = 'A host locked the language of this room.';

/** What editors are told while hosts keep Run, Submit and Stop to themselves. */
const HOSTS_RUN: Record<Exclude<JobAction, 'set-language'>, string> = {
  run: 'Only hosts can run the code in this room (a host decided so).',
  submit: 'Only hosts can submit in this room (a host decided so).',
  stop: 'Only hosts can stop a run or submission in this room (a host decided so).',
  input: 'Only hosts can type into the running program in this room (a host decided so).',
};
