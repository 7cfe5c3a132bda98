import { ROOM_ROLES, type RoomRole } from './roomRoles.ts';

/**
 * What one participant's awareness state (cursor and name) may hold. y-codemirror.next
 * writes `user.color` and `user.colorLight` into `style` attributes and `user.name` into
 * the page, so a state is only used after these checks. Plain functions without zod, so
 * the room page can check states without loading the schema library; the server's zod
 * schema (awarenessSchema.ts) is built from the same checks.
 */

/** Longest name shown beside a cursor, in characters (code points). */
export const MAX_DISPLAY_NAME_CHARS = 64;
/** Longest root type name in a cursor position (the room's types are `code` and `stdin`). */
export const MAX_TYPE_NAME_CHARS = 64;

/** A cursor colour: `#rgb` or `#rrggbb`. */
export const COLOR_PATTERN = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
/** A selection colour, which may carry alpha: `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa`. */
export const COLOR_WITH_ALPHA_PATTERN = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
/** Control, invisible formatting (bidi overrides, zero-width) and line/paragraph separator characters. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** A Yjs item id as JSON. */
export interface IdJson {
  client: number;
  clock: number;
}

/** A Y.RelativePosition as y-codemirror.next puts it into awareness (JSON.stringify of the object). */
export interface RelativePositionJson {
  type?: IdJson | null;
  tname?: string | null;
  item?: IdJson | null;
  assoc?: number;
}

export interface AwarenessCursor {
  anchor: RelativePositionJson;
  head: RelativePositionJson;
}

export interface AwarenessUser {
  name?: string;
  color?: string;
  colorLight?: string;
  /** Set by the server: the person (`u:<userId>` or `g:<guestId>`), the same in all their tabs. */
  id?: string;
  /** Set by the server: their role in the room. */
  role?: RoomRole;
}

/** How the server names a person in awareness: `u:` or `g:` and an id. */
const PERSON_ID_PATTERN = /^[ug]:[A-Za-z0-9_-]{1,64}$/;

/** The fields a participant's awareness state may carry; anything else is not relayed or used. */
export interface AwarenessState {
  user?: AwarenessUser;
  /** Set by y-codemirror.next; null while the editor has no focus. */
  cursor?: AwarenessCursor | null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isColor(value: unknown): value is string {
  return typeof value === 'string' && COLOR_PATTERN.test(value);
}

export function isColorWithAlpha(value: unknown): value is string {
  return typeof value === 'string' && COLOR_WITH_ALPHA_PATTERN.test(value);
}

/** 1 to MAX_DISPLAY_NAME_CHARS characters, none of them hidden, not blank. */
export function isDisplayName(value: unknown): value is string {
  if (typeof value !== 'string' || value.trim() === '') return false;
  return !new RegExp(HIDDEN_CHARACTERS.source, 'u').test(value) && [...value].length <= MAX_DISPLAY_NAME_CHARS;
}

/** `name` made fit to show beside a cursor: hidden characters removed, cut to the limit. */
export function toDisplayName(name: string): string {
  const visible = [...name.replace(HIDDEN_CHARACTERS, '').trim()].slice(0, MAX_DISPLAY_NAME_CHARS).join('').trim();
  return visible === '' ? 'Anonymous' : visible;
}

function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

function isUint(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isIdJson(value: unknown): value is IdJson {
  return isPlainObject(value) && hasOnlyKeys(value, ['client', 'clock']) && isUint(value.client) && isUint(value.clock);
}

export function isRelativePositionJson(value: unknown): value is RelativePositionJson {
  if (!isPlainObject(value) || !hasOnlyKeys(value, ['type', 'tname', 'item', 'assoc'])) return false;
  const { type, tname, item, assoc } = value;
  return (
    (type == null || isIdJson(type)) &&
    (item == null || isIdJson(item)) &&
    (tname == null || (typeof tname === 'string' && tname.length <= MAX_TYPE_NAME_CHARS)) &&
    (assoc === undefined || (Number.isInteger(assoc) && Math.abs(assoc as number) <= 2 ** 31))
  );
}

export function isAwarenessCursor(value: unknown): value is AwarenessCursor {
  return (
    isPlainObject(value) &&
    hasOnlyKeys(value, ['anchor', 'head']) &&
    isRelativePositionJson(value.anchor) &&
    isRelativePositionJson(value.head)
  );
}

/**
 * A remote state with every field that fails its check dropped (unknown fields too), so
 * nothing unchecked reaches the editor: a bad colour falls back to y-codemirror's
 * default, a bad name leaves the person unlisted, a bad cursor is not drawn. Null (the
 * participant left) stays null.
 */
export function sanitizeAwarenessState(state: unknown): AwarenessState | null {
  if (state === null) return null;
  const clean: AwarenessState = {};
  if (!isPlainObject(state)) return clean;
  if (isPlainObject(state.user)) {
    const { name, color, colorLight, id, role } = state.user;
    clean.user = {
      ...(isDisplayName(name) ? { name } : {}),
      ...(isColor(color) ? { color } : {}),
      ...(isColorWithAlpha(colorLight) ? { colorLight } : {}),
      ...(typeof id === 'string' && PERSON_ID_PATTERN.test(id) ? { id } : {}),
      ...((ROOM_ROLES as readonly unknown[]).includes(role) ? { role: role as RoomRole } : {}),
    };
  }
  if (state.cursor === null || isAwarenessCursor(state.cursor)) clean.cursor = state.cursor;
  return clean;
}
