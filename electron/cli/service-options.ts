// --profile FILE | --service ID | --url URL: which service a command works on (SPEC.md "Command line"). One of them
// at most; none is the built-in ChatGPT profile.
import type { ParseArgsConfig } from 'node:util';
import type { Profile } from '../common/spec.js';
import { builtinProfile } from '../engine/profile.js';
import { listBuiltinServices } from '../engine/services/builtin-services.js';
import { chooseService } from '../engine/services/choose.js';

export const SERVICE_OPTIONS = {
  profile: { type: 'string' },
  service: { type: 'string' },
  url: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const SERVICE_OPTIONS_USAGE = '[--profile FILE | --service ID | --url URL]';

/** Two of --profile, --service and --url at once: exit 2, one line. */
export class ServiceOptionsError extends Error {}

export async function profileFromOptions(values: { profile?: unknown; service?: unknown; url?: unknown }): Promise<Profile> {
  const given = (['profile', 'service', 'url'] as const).filter((name) => values[name] !== undefined);
  if (given.length > 1) throw new ServiceOptionsError(`use only one of --profile, --service and --url (got ${given.map((n) => `--${n}`).join(' and ')})`);
  if (values.service !== undefined) return (await chooseService({ service: String(values.service) })).profile;
  if (values.url !== undefined) return (await chooseService({ url: String(values.url) })).profile;
  if (values.profile !== undefined) return (await chooseService({ profileFile: String(values.profile) })).profile;
  return builtinProfile();
}

/** `gateway-doctor services`: one line per built-in service (id, name, host), ids aligned. */
export function formatServiceList(): string {
  const services = listBuiltinServices();
  const width = Math.max(...services.map((s) => s.id.length)) + 2;
  return services.map((s) => `${s.id.padEnd(width)}${s.name} (${s.host})\n`).join('');
}
