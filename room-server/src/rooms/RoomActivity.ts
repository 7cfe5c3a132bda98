import type { ExitEvent, FinishedEvent } from '@codestream/shared';

/**
 * What a room's summary needs that neither its doc nor its latest jobs hold: who edited
 * last and where, and how many runs and submissions failed in a row. Kept on the room
 * record when the room unloads, so a summary of a room nobody is in reads one record.
 */
export interface RoomActivityFacts {
  lastEditAt: number | null;
  lastEditBy: string | null;
  /** Character offset in the code of the last edit (the preview is centred on it). */
  lastEditIndex: number;
  failStreak: number;
}

export const NO_ACTIVITY: RoomActivityFacts = { lastEditAt: null, lastEditBy: null, lastEditIndex: 0, failStreak: 0 };

/** A loaded room's activity: updated on every accepted edit and finished job. */
export class RoomActivity {
  private facts: RoomActivityFacts;

  constructor(initial: RoomActivityFacts | undefined) {
    this.facts = { ...NO_ACTIVITY, ...initial };
  }

  get current(): RoomActivityFacts {
    return this.facts;
  }

  edited(by: string, at: number): void {
    this.facts = { ...this.facts, lastEditAt: at, lastEditBy: by };
  }

  /** Where in the code the last edit was (the code's edits only: stdin has no preview). */
  editedCodeAt(index: number): void {
    this.facts = { ...this.facts, lastEditIndex: index };
  }

  runEnded(exit: ExitEvent): void {
    this.jobEnded(!(exit.outcome === 'exited' && exit.code === 0));
  }

  submissionEnded(finished: FinishedEvent): void {
    this.jobEnded(finished.verdict !== 'accepted');
  }

  private jobEnded(failed: boolean): void {
    this.facts = { ...this.facts, failStreak: failed ? this.facts.failStreak + 1 : 0 };
  }
}
