// Verification of a switch: every target host of the profile must resolve through the new configuration before
// the deadline. Uses the cancellable c-ares lookup (a fresh resolver per host, so it reads the configuration as it
// is now), never getaddrinfo, which a silent server would block for far longer than the deadline.
import type { DnsVerification } from '../../common/dns-schema.js';
import type { Profile } from '../../common/spec.js';
import { resolveHost } from '../../engine/net/lookup.js';
import { VERIFY_DEADLINE_MS } from './limits.js';

export { VERIFY_DEADLINE_MS };

/** The distinct host names of the profile's targets, in order. */
export function profileHosts(profile: Profile): string[] {
  return [...new Set(profile.targets.map((t) => new URL(t.url).hostname.replace(/^\[|\]$/g, '').toLowerCase()))];
}

export interface VerifyOptions {
  /** Ask these servers instead of the system's configuration. */
  servers?: string[];
  deadlineMs?: number;
  hostsFile?: string;
}

export async function verifyResolution(hosts: readonly string[], options: VerifyOptions = {}): Promise<DnsVerification[]> {
  const deadlineMs = options.deadlineMs ?? VERIFY_DEADLINE_MS;
  return Promise.all(
    hosts.map(async (host): Promise<DnsVerification> => {
      const started = performance.now();
      const elapsed = (): number => Math.round(performance.now() - started);
      try {
        const addresses = await resolveHost(host, {
          timeoutMs: deadlineMs,
          ...(options.servers ? { servers: options.servers } : {}),
          ...(options.hostsFile ? { hostsFile: options.hostsFile } : {}),
        });
        return { host, ok: true, addresses: addresses.map((a) => a.address), durationMs: elapsed() };
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).message;
        return { host, ok: false, addresses: [], error: code, durationMs: elapsed() };
      }
    }),
  );
}

/** One sentence for people: which hosts failed, and how. */
export function verificationFailure(results: readonly DnsVerification[], deadlineMs = VERIFY_DEADLINE_MS): string | null {
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return null;
  const describe = (r: DnsVerification): string =>
    r.error === 'ETIMEOUT' ? `${r.host} (no answer within ${deadlineMs} ms)` : r.error === 'ENOTFOUND' ? `${r.host} (the name does not exist for them)` : `${r.host} (${r.error})`;
  return `the new DNS servers did not resolve ${failed.map(describe).join(', ')}`;
}
