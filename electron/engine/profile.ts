// Loads and validates profiles (SPEC.md "Profile"): the built-in ChatGPT one, or a JSON file.
// A profile file is outside input: read only if it is a regular file of a profile's size (a FIFO or a device given
// as --profile is refused at once, never waited on), UTF-8 with or without a BOM, and every message about it is one
// neutralised line, since it names the file and quotes what the file holds.
import { printableLine } from '../common/printable.js';
import { ProfileSchema, type Profile, type ProfileInput } from '../common/spec.js';
import { readRegularFile, UnreadableFileError, unreadableProblem } from './fs/read-regular-file.js';

/** A real profile is well under 10 KB; anything near this is not one. */
export const PROFILE_MAX_BYTES = 256 * 1024;

export const BUILTIN_PROFILE: ProfileInput = {
  name: 'ChatGPT',
  targets: [
    { id: 'app', url: 'https://chatgpt.com/' },
    { id: 'auth', url: 'https://auth.openai.com/' },
    { id: 'assets', url: 'https://cdn.oaistatic.com/' },
  ],
  statusPage: { url: 'https://status.openai.com/api/v2/summary.json', components: ['Conversations', 'Login'] },
  referenceResolvers: ['8.8.8.8', '1.1.1.1'],
  connectivityCheck: 'http://connectivitycheck.gstatic.com/generate_204',
  supportUrl: 'https://help.openai.com/',
};

/** A profile that cannot be used; its message is one line naming the file and the problem. */
export class ProfileError extends Error {
  constructor(message: string) {
    // The file name and the keys quoted come from outside: no control character or newline survives.
    super(printableLine(message.replace(/\s+/g, ' '), 1_000));
    this.name = 'ProfileError';
  }
}

export function builtinProfile(): Profile {
  return ProfileSchema.parse(BUILTIN_PROFILE);
}

/** Validates parsed JSON as a profile; `source` names where it came from in the error message. */
export function parseProfile(data: unknown, source: string): Profile {
  const result = ProfileSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  const problem =
    issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : issue.code === 'invalid_type'
        ? / received undefined$/.test(issue.message)
          ? 'is missing'
          : `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`
        : issue.message;
  throw new ProfileError(`${source}: ${where}: ${problem}`);
}

export async function loadProfile(file: string | undefined): Promise<Profile> {
  if (file === undefined) return builtinProfile();
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, { maxBytes: PROFILE_MAX_BYTES, followSymlink: true });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (error.reason === 'missing' || error.reason === 'unreadable') throw new ProfileError(`${file}: cannot read the profile (${error.detail})`);
    throw new ProfileError(`${file}: the profile ${unreadableProblem(error, PROFILE_MAX_BYTES)}`);
  }
  let text: string;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark: the decoder drops it (ignoreBOM: false).
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ProfileError(`${file}: not UTF-8 text`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProfileError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseProfile(data, file);
}
