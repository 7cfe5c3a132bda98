import { z } from 'zod';
import { type AwarenessCursor, COLOR_PATTERN, COLOR_WITH_ALPHA_PATTERN, isAwarenessCursor } from './awarenessState.ts';

/** Longest name a client may claim. The claim is never shown: the server puts in the name it knows. */
const MAX_CLAIMED_NAME_CHARS = 256;

const cursorSchema = z.custom<AwarenessCursor>(isAwarenessCursor, 'cursor must be { anchor, head } relative positions');

const userSchema = z
  .object({
    name: z.string().max(MAX_CLAIMED_NAME_CHARS).optional(),
    color: z.string().regex(COLOR_PATTERN, 'color must be #rgb or #rrggbb').optional(),
    colorLight: z.string().regex(COLOR_WITH_ALPHA_PATTERN, 'colorLight must be #rgb[a] or #rrggbb[aa]').optional(),
  })
  .strict();

/**
 * An awareness state as a participant sends it: null (they left) or only the fields the
 * room uses. Anything else refuses the whole update (see room-server's AwarenessGuard).
 * Built from the same checks as `sanitizeAwarenessState`, which leaves every state this
 * schema accepts unchanged once its name is a display name.
 */
export const claimedAwarenessStateSchema = z
  .object({
    user: userSchema.optional(),
    cursor: cursorSchema.nullable().optional(),
  })
  .strict()
  .nullable();
export type ClaimedAwarenessState = z.infer<typeof claimedAwarenessStateSchema>;
