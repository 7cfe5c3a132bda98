import createHttpError from 'http-errors';
import type { z } from 'zod';

/** A 400 whose body names every bad field: `{ error: { message, details: [{ path, message }] } }`. */
export function validationError(error: z.ZodError, message = 'Invalid request') {
  return createHttpError(400, message, {
    details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
}

/** The parsed value, or a 400 naming every bad field. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, message = 'Invalid request'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, message);
  return parsed.data;
}
