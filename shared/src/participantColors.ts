/**
 * Participant colours, given by the server (one per person in a room, the same in all
 * their tabs). Bright enough to see as a caret on the dark editor, and with dark label
 * text (see the `.cm-ySelectionInfo` override in the web's styles.css) they stay
 * readable. Ten hues far apart from each other, so two people rarely look alike.
 */
export const PARTICIPANT_COLORS = [
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

/** The background of a person's selection: their colour at 20 % opacity. */
export function selectionColor(color: string): string {
  return `${color}33`;
}

/** Spreads people's keys evenly over the palette (FNV-1a). */
function paletteIndex(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % PARTICIPANT_COLORS.length;
}

/**
 * The colour for the person `key`: their own palette entry, or, when someone present
 * already has that one, the next free entry. With more people than colours, colours repeat.
 */
export function assignColor(key: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const start = paletteIndex(key);
  for (let i = 0; i < PARTICIPANT_COLORS.length; i++) {
    const candidate = PARTICIPANT_COLORS[(start + i) % PARTICIPANT_COLORS.length] as string;
    if (!used.has(candidate)) return candidate;
  }
  return PARTICIPANT_COLORS[start] as string;
}
