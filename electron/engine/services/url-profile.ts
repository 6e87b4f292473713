// "Any URL" makes a profile (SPEC.md "Built-in services"): its host as the one target, the default resolvers and
// connectivity check, the host as its name, and a status page only when `https://status.<registered domain>/
// api/v2/summary.json` answers as a Statuspage summary. The probe goes through the engine's cancellable HTTP code
// (c-ares lookups, never dns.lookup) with a short timeout.
import { checkServiceUrl, statusPageCandidate } from '../../common/service-url.js';
import { ProfileSchema, type Profile } from '../../common/spec.js';
import { StatuspageSummarySchema } from '../checks/status-page.js';
import { httpGet } from '../net/http-get.js';
import { ProfileError } from '../profile.js';

/** Long enough for a status page that answers, short enough not to hold up choosing a service. */
export const STATUS_PROBE_TIMEOUT_MS = 3_000;

export interface StatusProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Extra trusted CAs (PEM): the test lab's. */
  ca?: string[];
}

/** Whether `url` answers 2xx with a Statuspage-compatible summary. Never throws: no answer is "no". */
export async function isStatuspageSummary(url: string, options: StatusProbeOptions = {}): Promise<boolean> {
  try {
    const response = await httpGet(url, {
      timeoutMs: options.timeoutMs ?? STATUS_PROBE_TIMEOUT_MS,
      headers: { accept: 'application/json' },
      maxBodyBytes: 512 * 1024,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
    });
    if (response.status < 200 || response.status > 299 || response.bodyTruncated) return false;
    return StatuspageSummarySchema.safeParse(JSON.parse(response.body)).success;
  } catch {
    return false;
  }
}

export interface UrlProfileOptions extends StatusProbeOptions {
  /** For tests: how the candidate status page is probed. */
  probe?: (url: string) => Promise<boolean>;
}

/** A typed address that cannot be used: one line, shown as is (exit 2 in the CLI). */
export class ServiceUrlError extends ProfileError {
  constructor(input: string, problem: string) {
    super(`--url ${JSON.stringify(input.length > 80 ? `${input.slice(0, 79)}…` : input)}: ${problem}`);
    this.name = 'ServiceUrlError';
  }
}

/** The profile for a typed address (see the top of this file); throws ServiceUrlError for a bad one. */
export async function profileFromUrl(input: string, options: UrlProfileOptions = {}): Promise<Profile> {
  const checked = checkServiceUrl(input);
  if (!checked.ok) throw new ServiceUrlError(input, checked.message);
  const { url } = checked;
  const candidate = statusPageCandidate(url.hostname);
  const probe = options.probe ?? ((statusUrl: string) => isStatuspageSummary(statusUrl, options));
  const hasStatusPage = candidate !== null && (await probe(candidate));
  return ProfileSchema.parse({
    name: url.host,
    targets: [{ id: 'app', url: `${url.origin}/` }],
    ...(hasStatusPage ? { statusPage: { url: candidate } } : {}),
  });
}
