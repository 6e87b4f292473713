// The built-in services (SPEC.md "Built-in services"), as data: each a full profile chosen by id. ChatGPT is the
// default. A service is here only when its hosts were confirmed from public material, and it has a `statusPage`
// only when that page was confirmed to be Statuspage-compatible (summary.json); SOURCES.md beside this file says
// where each host and status URL came from.
import { ProfileSchema, type Profile, type ProfileInput } from '../../common/spec.js';
import { BUILTIN_PROFILE } from '../profile.js';

export interface BuiltinService {
  /** What `--service ID` and the IPC's `selectService` name it by. */
  id: string;
  profile: ProfileInput;
}

export const DEFAULT_SERVICE_ID = 'chatgpt';

export const BUILTIN_SERVICES: readonly BuiltinService[] = [
  { id: 'chatgpt', profile: BUILTIN_PROFILE },
  {
    id: 'claude',
    profile: {
      name: 'Claude',
      targets: [{ id: 'app', url: 'https://claude.ai/' }],
      // Atlassian Statuspage; the consumer app is its "claude.ai" component.
      statusPage: { url: 'https://status.claude.com/api/v2/summary.json', components: ['claude.ai'] },
    },
  },
  {
    id: 'deepseek',
    profile: {
      name: 'DeepSeek',
      targets: [{ id: 'app', url: 'https://chat.deepseek.com/' }],
      // Atlassian Statuspage; the web chat is its "网页对话服务" (web chat service) component.
      statusPage: { url: 'https://status.deepseek.com/api/v2/summary.json', components: ['网页对话服务'] },
    },
  },
  // No Statuspage-compatible status page was confirmed for these: the targets alone tell.
  { id: 'gemini', profile: { name: 'Gemini', targets: [{ id: 'app', url: 'https://gemini.google.com/' }] } },
  { id: 'copilot', profile: { name: 'Microsoft Copilot', targets: [{ id: 'app', url: 'https://copilot.microsoft.com/' }] } },
  { id: 'perplexity', profile: { name: 'Perplexity', targets: [{ id: 'app', url: 'https://www.perplexity.ai/' }] } },
];

/** A built-in service's id, name and the host people know it by (what a start screen lists). */
export interface ServiceSummary {
  id: string;
  name: string;
  host: string;
}

export function listBuiltinServices(): ServiceSummary[] {
  return BUILTIN_SERVICES.map((service) => ({
    id: service.id,
    name: service.profile.name,
    host: new URL(service.profile.targets[0]!.url).host,
  }));
}

export function findBuiltinService(id: string): BuiltinService | undefined {
  return BUILTIN_SERVICES.find((service) => service.id === id);
}

/** The validated profile of a built-in service, or undefined for an unknown id. */
export function builtinServiceProfile(id: string): Profile | undefined {
  const service = findBuiltinService(id);
  return service ? ProfileSchema.parse(service.profile) : undefined;
}

/** The id of the built-in service whose profile this is (same name and targets), if any. */
export function builtinServiceIdOf(profile: Profile): string | undefined {
  const urls = (p: { targets: { url: string }[] }): string => p.targets.map((t) => t.url).join(' ');
  return BUILTIN_SERVICES.find((service) => service.profile.name === profile.name && urls(service.profile) === urls(profile))?.id;
}
