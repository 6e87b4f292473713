// What the error bar shows for a failed call to the engine.
import { z } from 'zod';

/** A one-line message: Electron's wrapper and error-class prefixes removed, schema failures summarised. */
export function cleanErrorMessage(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return `the engine sent an answer this window cannot read${where}${issue ? ` (${issue.message})` : ''}.`;
  }
  const raw = error instanceof Error ? error.message : String(error);
  // Electron wraps errors from the main process: keep only the engine's own message.
  const message = raw.replace(/^Error invoking remote method '[^']*':\s*/, '').replace(/^(?:[A-Za-z]*Error:\s*)+/, '');
  return message.trim() || 'something went wrong, without an error message.';
}
