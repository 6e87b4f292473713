// systemd-resolved backend (machines where resolved runs without NetworkManager, e.g. with systemd-networkd):
// per link, `resolvectl dns LINK …` sets the servers and `resolvectl domain LINK ~.` routes every name to them.
// The saved servers, domains and default-route flag are put back the same way (not `resolvectl revert`, which
// would leave a networkd-managed link with no DNS at all until networkd reconfigures it).
// resolvectl asks polkit for the right itself, so it never runs under pkexec.
import { isIPv4, isIPv6 } from '../../common/spec.js';
import type { InterfaceDns } from '../../common/dns-schema.js';
import { normalizeServerAddress } from '../dns-servers/address.js';
import { parseResolvectlSections, resolvectlStatusArgv } from '../dns-servers/resolvectl.js';
import { RESOLVECTL_FLUSH, type Run } from './nmcli.js';
import type { BackendState, DnsBackend, Operation, SavedConfigOf } from './types.js';

export type ResolvedSaved = SavedConfigOf<'systemd-resolved'>;
type SavedLink = ResolvedSaved['links'][number];

const LINK = /^[^\s/:%]{1,15}$/;
/** A server as resolvectl prints and takes it: ADDRESS[:PORT][%IFNAME][#SNI] (brackets around IPv6 with a port). */
const SERVER_TOKEN = /^[0-9A-Za-z[\]:.%#_-]{2,300}$/;
/** A search or routing domain: `lan`, `~corp.example.com`, `~.`. */
const DOMAIN_TOKEN = /^~?(\.|[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252}))$/;

function checkLink(link: string): string {
  if (!LINK.test(link) || link.startsWith('-')) throw new Error(`not a network link name: "${link}"`);
  return link;
}

function checkTokens(tokens: readonly string[], pattern: RegExp, what: string): string[] {
  for (const token of tokens) {
    if (!pattern.test(token) || token.startsWith('-')) throw new Error(`not a ${what}: "${token}"`);
  }
  // resolvectl clears a list given a single empty argument (with no argument it would print the list instead).
  return tokens.length > 0 ? [...tokens] : [''];
}

// ---------- argv builders ----------

export const resolvectlDnsArgv = (link: string, servers: readonly string[]): string[] => [
  'resolvectl',
  'dns',
  checkLink(link),
  ...checkTokens(servers, SERVER_TOKEN, 'DNS server'),
];

export const resolvectlDomainArgv = (link: string, domains: readonly string[]): string[] => [
  'resolvectl',
  'domain',
  checkLink(link),
  ...checkTokens(domains, DOMAIN_TOKEN, 'DNS domain'),
];

export const resolvectlDefaultRouteArgv = (link: string, on: boolean): string[] => [
  'resolvectl',
  'default-route',
  checkLink(link),
  on ? 'yes' : 'no',
];

// ---------- parser ----------

/** Reads `resolvectl status` (both layouts) into the per-link settings a restore needs. */
export function resolvedState(statusText: string): BackendState<ResolvedSaved> {
  const links: SavedLink[] = [];
  const interfaces: InterfaceDns[] = [];
  for (const section of parseResolvectlSections(statusText)) {
    const link = section.interface;
    if (!link || link === 'lo' || !LINK.test(link)) continue;
    const servers = section.fields.get('DNS Servers') ?? [];
    const domains = section.fields.get('DNS Domain') ?? [];
    // systemd ≥ 246 prints "+DefaultRoute" among Protocols; older versions a "DefaultRoute setting" line.
    const protocols = section.fields.get('Protocols') ?? [];
    const setting = section.fields.get('DefaultRoute setting')?.[0];
    const defaultRoute = protocols.includes('+DefaultRoute') ? true : protocols.includes('-DefaultRoute') ? false : setting === undefined ? undefined : setting === 'yes';
    links.push({ link, servers, domains, ...(defaultRoute === undefined ? {} : { defaultRoute }) });
    const addresses = servers.map((s) => normalizeServerAddress(s)).filter((s): s is string => s !== null);
    const bare = (s: string): string => s.replace(/%.*$/, '');
    interfaces.push({
      name: link,
      primary: false,
      // Set by systemd-networkd, DHCP or by hand at runtime: resolved does not say which.
      ipv4: { mode: 'unknown', servers: addresses.filter((s) => isIPv4(bare(s))) },
      ipv6: { mode: 'unknown', servers: addresses.filter((s) => isIPv6(bare(s))) },
    });
  }
  // The links queries go to: default-route ones with servers; failing that, any with servers.
  const withServers = links.filter((l) => l.servers.length > 0);
  const routed = withServers.filter((l) => l.defaultRoute !== false || l.domains.includes('~.'));
  const primary = new Set((routed.length > 0 ? routed : withServers).map((l) => l.link));
  for (const view of interfaces) view.primary = primary.has(view.name);
  return { interfaces, saved: { kind: 'systemd-resolved', links } };
}

// ---------- plans ----------

export function resolvedPlanApply(saved: ResolvedSaved, names: string[], servers: string[]): Operation[] {
  return saved.links
    .filter((l) => names.includes(l.link))
    .flatMap((l): Operation[] => [
      { kind: 'exec', argv: resolvectlDnsArgv(l.link, servers), selfAuthorizing: true },
      // `~.` makes this link the route for every name, so no other link's old servers keep answering.
      { kind: 'exec', argv: resolvectlDomainArgv(l.link, ['~.']), selfAuthorizing: true },
      { kind: 'exec', argv: resolvectlDefaultRouteArgv(l.link, true), selfAuthorizing: true },
    ]);
}

export function resolvedPlanRestore(saved: ResolvedSaved): Operation[] {
  return saved.links.flatMap((l): Operation[] => [
    { kind: 'exec', argv: resolvectlDnsArgv(l.link, l.servers), selfAuthorizing: true },
    { kind: 'exec', argv: resolvectlDomainArgv(l.link, l.domains), selfAuthorizing: true },
    ...(l.defaultRoute === undefined
      ? []
      : [{ kind: 'exec', argv: resolvectlDefaultRouteArgv(l.link, l.defaultRoute), selfAuthorizing: true } as Operation]),
  ]);
}

export function resolvedBackend(run: Run): DnsBackend<ResolvedSaved> {
  return {
    id: 'systemd-resolved',
    label: 'systemd-resolved',
    read: async () => resolvedState(await run(resolvectlStatusArgv())),
    planApply: (state, names, servers) => ({ operations: resolvedPlanApply(state.saved, names, servers), warnings: [] }),
    planRestore: resolvedPlanRestore,
    planFlush: () => [RESOLVECTL_FLUSH],
  };
}
