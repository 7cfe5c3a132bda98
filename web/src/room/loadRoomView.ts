import type { ComponentType } from 'preact';
import type { RoomViewProps } from './RoomView.tsx';

// The editor stack (CodeMirror, Yjs) is most of the bundle: loaded only for rooms, from the
// app's start on a room's page (its files are preloaded by the HTML; this runs them).
let roomViewModule: Promise<ComponentType<RoomViewProps>> | undefined;

export function loadRoomView(): Promise<ComponentType<RoomViewProps>> {
  roomViewModule ??= import('./RoomView.tsx').then((m) => m.RoomView);
  // The next page that asks tries again (the network may be back).
  roomViewModule.catch(() => {
    roomViewModule = undefined;
  });
  return roomViewModule;
}
