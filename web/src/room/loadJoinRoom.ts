import type { ComponentType } from 'preact';
import { loadOnce } from '../lib/loadOnce.ts';
import type { JoinRoomProps } from './JoinRoom.tsx';

// The form that accepts an invitation: loaded only by people arriving with one, from the
// app's start (lib/earlyRequests.ts), alongside the room's lookup.
export const loadJoinRoom: () => Promise<ComponentType<JoinRoomProps>> = loadOnce(() =>
  import('./JoinRoom.tsx').then((m) => m.JoinRoom),
);
