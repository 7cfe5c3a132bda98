import { assignColor, selectionColor } from '@codestream/shared';
import type { AwarenessIdentity } from './AwarenessGuard.ts';

/** Who a colour is kept for: the person, with what awareness says of them. */
export interface ColoredPerson {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

/**
 * The colours of a room's people while it is loaded: each person keeps theirs (in all
 * their tabs), a newcomer gets the first one nobody present has.
 */
export class ParticipantColors {
  private readonly colors = new Map<string, string>();

  /** `present`: the ids of the people connected now. */
  constructor(private readonly present: () => Iterable<string>) {}

  colorOf(id: string): string {
    let color = this.colors.get(id);
    if (!color) {
      const present = new Set(this.present());
      const taken = [...this.colors].filter(([person]) => present.has(person)).map(([, c]) => c);
      color = assignColor(id, taken);
      this.colors.set(id, color);
    }
    return color;
  }

  /** Who a cursor belongs to, as the server knows it: whatever the client claimed is replaced. */
  identityOf(person: ColoredPerson): AwarenessIdentity {
    const color = this.colorOf(person.id);
    return { id: person.id, name: person.name, role: person.role, color, colorLight: selectionColor(color) };
  }
}
