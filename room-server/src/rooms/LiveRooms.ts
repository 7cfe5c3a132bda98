/** What room routes ask of the rooms loaded in this process. */
export interface LiveRooms {
  /** People connected to the room now (one person in several tabs counts once); 0 when it is not loaded. */
  peopleIn(roomId: string): Promise<number>;
  /**
   * Closes every socket of a deleted room (close code RoomDeleted) and resolves once the
   * room and its notes are stored and unloaded (alone) or once no server stores them any
   * more (with other servers, which give a deleted room's logs up), so nothing is written
   * for it afterwards.
   */
  closeDeleted(roomId: string): Promise<void>;
}
