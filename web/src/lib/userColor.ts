/**
 * Participant colours. Bright enough to see as a caret on the dark editor, and with
 * dark label text (see the `.cm-ySelectionInfo` override in styles.css) they stay readable.
 * Ten hues far apart from each other, so two people rarely look alike.
 */
export const USER_COLORS = [
  '#f87171', // red
  '#fb923c', // orange
  '#facc15', // yellow
  '#a3e635', // lime
  '#34d399', // emerald
  '#22d3ee', // cyan
  '#60a5fa', // blue
  '#a78bfa', // violet
  '#e879f9', // fuchsia
  '#fb7185', // rose
] as const;

export interface UserColor {
  color: string;
  /** Background of this person's selection: the colour at 20 % opacity. */
  colorLight: string;
}

/** Spreads Yjs client ids (random uint32) evenly over the palette. */
function paletteIndex(clientId: number): number {
  let h = clientId >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h ^= h >>> 16;
  return (h >>> 0) % USER_COLORS.length;
}

/**
 * The colour of `clientId`: its own palette entry, or, when someone present already
 * has that one, the next free entry. With more people than colours, colours repeat.
 */
export function pickColor(clientId: number, taken: Iterable<string> = []): UserColor {
  const used = new Set([...taken].map((c) => c.toLowerCase()));
  const start = paletteIndex(clientId);
  let color: string = USER_COLORS[start] as string;
  for (let i = 0; i < USER_COLORS.length; i++) {
    const candidate = USER_COLORS[(start + i) % USER_COLORS.length] as string;
    if (!used.has(candidate)) {
      color = candidate;
      break;
    }
  }
  return { color, colorLight: `${color}33` };
}

/**
 * Whether this client should change colour because another one present has the same.
 * Only the client with the larger id moves, so two clients never swap back and forth.
 */
export function shouldYieldColor(
  selfId: number,
  selfColor: string,
  others: Iterable<[number, string | undefined]>,
): boolean {
  for (const [id, color] of others) {
    if (id !== selfId && id < selfId && color?.toLowerCase() === selfColor.toLowerCase()) return true;
  }
  return false;
}
