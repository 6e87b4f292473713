// Loads and validates profiles (SPEC.md "Profile"): the built-in ChatGPT one, or a JSON file.
import { readFile } from 'node:fs/promises';
import { ProfileSchema, type Profile, type ProfileInput } from '../common/spec.js';

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
    super(message);
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
  throw new ProfileError(`${source}: ${where}: ${problem}`.replace(/\s+/g, ' '));
}

export async function loadProfile(file: string | undefined): Promise<Profile> {
  if (file === undefined) return builtinProfile();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ProfileError(`${file}: cannot read the profile (${code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProfileError(`${file}: not valid JSON (${(error as Error).message})`.replace(/\s+/g, ' '));
  }
  return parseProfile(data, file);
}
