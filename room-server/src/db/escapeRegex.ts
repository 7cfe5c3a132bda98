/** `text` matched literally inside a $regex: a search never runs a pattern the user wrote. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
