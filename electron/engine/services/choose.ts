// Which service to diagnose: a built-in one by id, any typed address, or a profile file. One place that turns the
// choice into a profile, for the CLI's --service/--url/--profile and the app's selectService channel.
import type { Profile } from '../../common/spec.js';
import { loadProfile, ProfileError } from '../profile.js';
import { BUILTIN_SERVICES, builtinServiceProfile } from './builtin-services.js';
import { profileFromUrl, type UrlProfileOptions } from './url-profile.js';

export type ServiceChoice = { service: string } | { url: string } | { profileFile: string };

export interface ChosenService {
  profile: Profile;
  /** The built-in service's id, when the choice was one. */
  serviceId?: string;
}

/** An id that is not a built-in service's: names the ones there are. */
export class UnknownServiceError extends ProfileError {
  constructor(id: string) {
    const shown = JSON.stringify(id.length > 40 ? `${id.slice(0, 39)}…` : id);
    super(`--service ${shown}: no such service (known: ${BUILTIN_SERVICES.map((s) => s.id).join(', ')})`);
    this.name = 'UnknownServiceError';
  }
}

export async function chooseService(choice: ServiceChoice, options: UrlProfileOptions = {}): Promise<ChosenService> {
  if ('service' in choice) {
    const profile = builtinServiceProfile(choice.service);
    if (!profile) throw new UnknownServiceError(choice.service);
    return { profile, serviceId: choice.service };
  }
  if ('url' in choice) return { profile: await profileFromUrl(choice.url, options) };
  return { profile: await loadProfile(choice.profileFile) };
}
