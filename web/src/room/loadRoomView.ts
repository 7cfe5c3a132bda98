import type { ComponentType } from 'preact';
import { loadOnce } from '../lib/loadOnce.ts';
import type { RoomViewProps } from './RoomView.tsx';

// The editor stack (CodeMirror, Yjs) is most of the bundle: loaded only for rooms, from the
// app's start on a room's page (its files are preloaded by the HTML; this runs them).
export const loadRoomView: () => Promise<ComponentType<RoomViewProps>> = loadOnce(() =>
  import('./RoomView.tsx').then((m) => m.RoomView),
);
