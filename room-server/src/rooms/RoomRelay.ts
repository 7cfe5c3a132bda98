import { runViewSchema, serverMessageSchema, stdinChunkSchema, submissionViewSchema } from '@codestream/shared';
import { z } from 'zod';

/**
 * What a loaded room tells its copies on other room-servers (scale-out), and hears from
 * them. Each server sends its own clients what they need; only what happens on one server
 * alone crosses: its jobs' events, chat, "Follow me", language changes. Settings, class
 * news and access changes reach every server by themselves (see cluster/clusterAccess).
 */
export const roomRelayMessageSchema = z.discriminatedUnion('type', [
  /** An app message the room sent its own clients (a job's events, chat, follow, settings). */
  z.object({ type: z.literal('message'), payload: serverMessageSchema }),
  /** A server just loaded the room: the others answer with what runs or leads on them. */
  z.object({ type: z.literal('hello'), payload: z.object({}) }),
  /** The answer to hello: a job running on the sender, with its events so far. */
  z.object({
    type: z.literal('job-state'),
    payload: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('run'), view: runViewSchema }),
      z.object({ kind: z.literal('submission'), view: submissionViewSchema }),
    ]),
  }),
  /** Stop pressed on another server: the one running the job stops it. */
  z.object({ type: z.literal('stop-job'), payload: z.object({ jobId: z.string() }) }),
  /** Input typed on another server (its permission and size checked there): the one running the job passes it on. */
  z.object({ type: z.literal('job-input'), payload: z.object({ jobId: z.string(), chunk: stdinChunkSchema }) }),
  /** Everyone left the server running the room's job: the servers with people in the room answer `here`. */
  z.object({ type: z.literal('anyone-here'), payload: z.object({}) }),
  /** The answer to anyone-here: the sender has people in the room. */
  z.object({ type: z.literal('here'), payload: z.object({}) }),
]);
export type RoomRelayMessage = z.infer<typeof roomRelayMessageSchema>;

/**
 * The one job slot of a room across every server (one run or submission at a time,
 * wherever it was pressed). Held while the job runs; lost if its holder dies.
 */
export interface JobLock {
  /** Takes the slot for the job named `title`: null when taken, else the title of the job holding it. */
  acquire(title: string): Promise<string | null>;
  /** Gives it back (the job's last event is out). */
  release(): void;
  /** The title of the job holding it now, or null. */
  holder(): Promise<string | null>;
  /**
   * The job `jobId` lost its server (the slot lapsed without its final event): true for
   * the one server, of all that show it, that records its end.
   */
  claimSettling(jobId: string): Promise<boolean>;
  /** How often a server showing another's job checks that the slot is still held. */
  readonly checkEveryMs: number;
}

/** A loaded room's line to its copies on the other servers. */
export interface RoomLink {
  publish(message: RoomRelayMessage): void;
  readonly jobLock: JobLock;
  /**
   * Hands what the other servers send to `receive`, first what arrived since the link
   * opened, and greets them (they answer with what runs or leads on them). `unsent` is
   * called when what this room published may not reach them (Redis is away).
   */
  attach(receive: (message: RoomRelayMessage) => void, unsent: () => void): void;
  /** Stops hearing them. */
  close(): Promise<void>;
}

/** Opens rooms' links; absent on a single machine. */
export interface RoomLinks {
  /** Resolves once the room's messages are heard (held until `attach`). */
  open(roomId: string): Promise<RoomLink>;
}
