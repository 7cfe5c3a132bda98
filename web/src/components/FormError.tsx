import { describeIssue } from '../lib/fieldErrors.ts';
import type { FieldIssue } from '../lib/http.ts';

/** A form's error: the server's message, then the issues no field of the form shows. */
export function FormError({
  message,
  issues = [],
  fieldsMarked = false,
  testId,
}: {
  message: string | null;
  issues?: readonly FieldIssue[];
  /** Some fields show their own error: say so, since the message alone may be generic ("Invalid request"). */
  fieldsMarked?: boolean;
  testId?: string;
}) {
  if (!message) return null;
  const separator = /[.!?]$/.test(message) ? ' ' : '. ';
  const hint = fieldsMarked && !/highlighted/.test(message) ? `${separator}Check the highlighted fields.` : '';
  return (
    <div class="form-error" role="alert" data-testid={testId}>
      <p>
        {message}
        {hint}
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{describeIssue(issue)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
