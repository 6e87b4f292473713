// What identifies this user and machine, for redaction.
import os from 'node:os';
import type { RedactionContext } from './redact.js';

/** `keep`: words to leave exact (the profile's reference resolvers, say). */
export function localRedactionContext(keep: string[] = []): RedactionContext {
  const identifiers: RedactionContext['identifiers'] = [];
  const home = os.homedir();
  if (home && home !== '/') identifiers.push({ value: home, label: '~' });
  try {
    identifiers.push({ value: os.userInfo().username, label: '<user>' });
  } catch {
    // no user name (e.g. a container with an unknown uid): nothing to redact
  }
  identifiers.push({ value: os.hostname(), label: '<host>' });
  return { identifiers: identifiers.filter((i) => i.value.length >= 3 && i.value !== 'root'), keep };
}
