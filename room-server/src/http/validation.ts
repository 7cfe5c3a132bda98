import createHttpError from 'http-errors';
import { z } from 'zod';

/** A 400 whose body names every bad field: `{ error: { message, details: [{ path, message }] } }`. */
export function validationError(error: z.core.$ZodError, message = 'Invalid request') {
  return createHttpError(400, message, {
    details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
}

/**
 * The parsed value, or a 400 naming every bad field. Takes any zod schema: the server's
 * own (full zod) and the ones shared with the browser (zod/mini), which lack the methods.
 */
export function parseOr400<T extends z.core.$ZodType>(
  schema: T,
  value: unknown,
  message = 'Invalid request',
): z.output<T> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw validationError(parsed.error, message);
  return parsed.data;
}
