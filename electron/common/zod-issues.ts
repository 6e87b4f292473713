// One line about why a value failed its zod schema, for dialogs, logs and HTTP error bodies.
import type { z } from 'zod';

/** "path: problem; path: problem", at most three issues: short enough for one line in a dialog or log. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}
