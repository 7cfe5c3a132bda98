import { z } from './zodMini.ts';

/** Longest class message (the banner shown in every room of the class). */
export const MAX_CLASS_MESSAGE_LENGTH = 500;

/** The class-wide timer: its length, and when an instructor started it (server ms; null: not running). */
export const classTimerSchema = z.object({
  durationMinutes: z.number(),
  startedAt: z.nullable(z.number()),
});
export type ClassTimer = z.infer<typeof classTimerSchema>;

/**
 * What every room of a class shows of it: its title, the instructors' message (a
 * banner) and the class timer. Times are server milliseconds.
 */
export const classInfoSchema = z.object({
  classId: z.string(),
  title: z.string(),
  message: z.nullable(z.object({ text: z.string(), at: z.number(), by: z.string() })),
  timer: z.nullable(classTimerSchema),
});
export type ClassInfo = z.infer<typeof classInfoSchema>;

/** When a running class timer runs out (null: none running). */
export function classTimerEndsAt(timer: ClassTimer | null): number | null {
  return timer?.startedAt == null ? null : timer.startedAt + timer.durationMinutes * 60_000;
}
