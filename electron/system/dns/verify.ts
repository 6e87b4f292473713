// Verification of a switch: every target host of the profile must resolve by asking the NEW servers themselves,
// before the deadline. Never getaddrinfo, never the hosts file, never a system cache: a target listed in
// /etc/hosts (or cached) "resolves" whatever the servers do, and a switch to a dead server would be kept.
// c-ares (`dns.Resolver` with `setServers`) is asked directly; its queries time out and are cancelled at the
// deadline, which getaddrinfo's cannot be.
import { promises as dnsPromises } from 'node:dns';
import { isIP } from 'node:net';
import type { DnsVerification } from '../../common/dns-schema.js';
import type { Profile } from '../../common/spec.js';
import { VERIFY_DEADLINE_MS } from './limits.js';

export { VERIFY_DEADLINE_MS };

/** The distinct host names of the profile's targets, in order. */
export function profileHosts(profile: Profile): string[] {
  return [...new Set(profile.targets.map((t) => new URL(t.url).hostname.replace(/^\[|\]$/g, '').toLowerCase()))];
}

export interface VerifyOptions {
  /** The servers to ask (`ip` or `ip:port`, as c-ares' setServers takes them): the switch's new ones. */
  servers: readonly string[];
  deadlineMs?: number;
}

/** The addresses `servers` give for `host` (A and AAAA), or an error whose code says why not. */
async function askServers(host: string, servers: readonly string[], deadlineMs: number): Promise<string[]> {
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(1, Math.round(deadlineMs)), tries: 1 });
  resolver.setServers([...servers]);
  let timedOut = false;
  // c-ares may take a multiple of its own timeout (one try per server): this timer is the one that holds.
  const timer = setTimeout(() => {
    timedOut = true;
    resolver.cancel();
  }, deadlineMs);
  try {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    const addresses = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
    if (addresses.length > 0) return addresses;
    if (timedOut) throw Object.assign(new Error(`ETIMEOUT ${host}`), { code: 'ETIMEOUT' });
    const reason = (v4.status === 'rejected' ? v4.reason : v6.status === 'rejected' ? v6.reason : null) as NodeJS.ErrnoException | null;
    throw Object.assign(new Error(`${reason?.code ?? 'ENODATA'} ${host}`), { code: reason?.code ?? 'ENODATA' });
  } finally {
    clearTimeout(timer);
  }
}

export async function verifyResolution(hosts: readonly string[], options: VerifyOptions): Promise<DnsVerification[]> {
  const deadlineMs = options.deadlineMs ?? VERIFY_DEADLINE_MS;
  return Promise.all(
    hosts.map(async (host): Promise<DnsVerification> => {
      const started = performance.now();
      const elapsed = (): number => Math.round(performance.now() - started);
      // An address needs no DNS: nothing to verify for it.
      if (isIP(host) !== 0) return { host, ok: true, addresses: [host], durationMs: 0 };
      try {
        const addresses = await askServers(host, options.servers, deadlineMs);
        return { host, ok: true, addresses, durationMs: elapsed() };
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
