import { type AwarenessCursor, COLOR_PATTERN, COLOR_WITH_ALPHA_PATTERN, isAwarenessCursor } from './awarenessState.ts';
import { z } from './zodMini.ts';

/** Longest name a client may claim. The claim is never shown: the server puts in the name it knows. */
const MAX_CLAIMED_NAME_CHARS = 256;

const cursorSchema = z.custom<AwarenessCursor>(isAwarenessCursor, 'cursor must be { anchor, head } relative positions');

const userSchema = z.strictObject({
  name: z.optional(z.string().check(z.maxLength(MAX_CLAIMED_NAME_CHARS))),
  color: z.optional(z.string().check(z.regex(COLOR_PATTERN, 'color must be #rgb or #rrggbb'))),
  colorLight: z.optional(
    z.string().check(z.regex(COLOR_WITH_ALPHA_PATTERN, 'colorLight must be #rgb[a] or #rrggbb[aa]')),
  ),
});

/**
 * An awareness state as a participant sends it: null (they left) or only the fields the
 * room uses. Anything else refuses the whole update (see room-server's AwarenessGuard).
 * Built from the same checks as `sanitizeAwarenessState`, which leaves every state this
 * schema accepts unchanged once its name is a display name.
 */
export const claimedAwarenessStateSchema = z.nullable(
  z.strictObject({
    user: z.optional(userSchema),
    cursor: z.optional(z.nullable(cursorSchema)),
  }),
);
export type ClaimedAwarenessState = z.infer<typeof claimedAwarenessStateSchema>;
