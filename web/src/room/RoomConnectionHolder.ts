import { RoomConnection, type RoomConnectionOptions } from './RoomConnection.ts';

/**
 * The connection a room page shows. When the server refuses this client's update, the
 * connection is replaced by a fresh one (new doc, new socket) that starts from the
 * server's copy: the old doc still holds the refused update, and y-websocket would send
 * it again on every reconnect.
 */
export class RoomConnectionHolder {
  private connection: RoomConnection;
  private stopWatching: () => void = () => {};
  private readonly listeners = new Set<(connection: RoomConnection) => void>();
  private closed = false;

  constructor(private readonly options: RoomConnectionOptions) {
    this.connection = this.open(options);
  }

  get current(): RoomConnection {
    return this.connection;
  }

  /** Called with each replacing connection. */
  subscribe(listener: (connection: RoomConnection) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching();
    this.connection.close();
    this.listeners.clear();
  }

  private open(options: RoomConnectionOptions): RoomConnection {
    const connection = new RoomConnection(options);
    this.stopWatching = connection.subscribe((snapshot) => {
      if (snapshot.reload !== null) this.replace(snapshot.reload);
    });
    return connection;
  }

  private replace(notice: string): void {
    if (this.closed) return;
    this.stopWatching();
    this.connection.close();
    this.connection = this.open({ ...this.options, notices: [notice] });
    for (const listener of this.listeners) listener(this.connection);
  }
}
