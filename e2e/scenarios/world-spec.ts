// What a scenario world is made of, as plain JSON (the test writes it, world.ts builds it inside a fresh network
// namespace). Every address is loopback or a TEST-NET address that exists only inside that namespace.
import type { DnsBehaviour } from '../lab/dns-server.js';
import type { LabCertName } from '../lab/certs/lab-certs.js';
import type { ConnectivityMode } from '../lab/connectivity-server.js';
import type { WebBehaviour } from '../lab/https-server.js';
import type { ProxyMode } from '../lab/proxy-server.js';
import type { StatusScenario } from '../lab/status-server.js';

/** Where each lab server listens inside the namespace (all of 127.0.0.0/8 is local on `lo`). */
export const LAB_ADDRESSES = {
  /** The system's resolver: the only `nameserver` of the namespace's resolv.conf. */
  systemDns: '127.0.0.2',
  /** The reference resolver, the profile's `referenceResolvers`. */
  referenceDns: '127.0.0.3',
  status: '127.0.0.20',
  connectivity: '127.0.0.21',
  proxy: '127.0.0.30',
} as const;

/** TEST-NET addresses (RFC 5737): nothing answers there, and inside the namespace no packet can leave anyway. */
export const TEST_NET = {
  /** Resolvers of a world whose DNS servers are out of reach. */
  systemDns: '192.0.2.53',
  referenceDns: '192.0.2.54',
  /** The VPN world's answers for the targets (routed into the tunnel). */
  vpnTarget: (index: number): string => `192.0.2.${10 + index}`,
  /** A local address for tunnels and dummy links. */
  local: '198.51.100.2',
  /** The dead router of the `dead-router` network. */
  router: '198.51.100.1',
  /** This machine's address on the `lan` network. */
  lan: '203.0.113.2',
} as const;

/** The names the lab's DNS knows (besides the targets' own). */
export const LAB_NAMES = { status: 'status.lab', connectivity: 'connectivity.lab' } as const;

/** A target's address inside the namespace. */
export const targetAddress = (index: number): string => `127.0.0.${10 + index}`;

/** A web behaviour that fits in JSON (the lab's `handler` kind does not). */
export type PageSpec = Exclude<WebBehaviour, { kind: 'handler' | 'flaky' }>;

export interface TargetSpec {
  id: string;
  /** Host name of the target's URL (https://HOST/): the lab's certificates cover chat.lab and *.chat.lab. */
  host: string;
  /** What the target's server does; null: nothing listens there. */
  page: PageSpec | null;
  /** The certificate it presents (default the lab CA's `leaf`). */
  cert?: LabCertName;
  /** The server waits this long before each answer (on top of the world's `lateMs`). */
  delayMs?: number;
}

/** A server at another address, on a target's port: where a lying resolver sends the target's name (a parking,
 * block or ISP search page: it accepts TCP, then shows its own certificate and page). */
export interface ImpostorSpec {
  /** A loopback address (127.0.0.0/8) the world's DNS can answer with. */
  address: string;
  /** The index of the target whose port it takes. */
  target: number;
  cert: LabCertName;
  page: PageSpec;
}

export interface DnsSpec {
  /** Per-name behaviour; every lab name not listed gets its true answer, any other name NXDOMAIN. */
  overrides?: Record<string, DnsBehaviour>;
  /** The server never answers anything. */
  silent?: boolean;
  /** No server at all: the resolver's address is a TEST-NET one. */
  unreachable?: boolean;
}

export interface WorldSpec {
  name: string;
  /** The CLI's --timeout (the sweep's deadline). */
  timeoutMs: number;
  targets: TargetSpec[];
  systemDns: DnsSpec;
  referenceDns: DnsSpec;
  /** The status page's scenario; 'none' leaves it out of the profile. */
  status: StatusScenario | 'none';
  connectivity: ConnectivityMode;
  /** HTTPS_PROXY for the CLI: the lab proxy in that mode, or an address where nothing listens. */
  proxy?: ProxyMode | 'unreachable';
  /** A VPN tunnel (tun0) that leads nowhere carries the default route, the two halves of the address space
   * (0.0.0.0/1 + 128.0.0.0/1), or only the routes to the targets. DNS then answers TEST-NET addresses for the
   * targets, which only the tunnel leads to. */
  vpn?: 'default-route' | 'split-default' | 'target-routes';
  /** Beyond loopback: nothing at all (only `lo`), a link whose router swallows every packet, or a LAN link with an
   * address and no route beyond it (getaddrinfo's AI_ADDRCONFIG, as `getent ahosts` uses, then sees an address). */
  network?: 'lo-only' | 'dead-router' | 'lan';
  /** Every lab server (DNS, web, status page, connectivity check) answers this many milliseconds late. */
  lateMs?: number;
  impostors?: ImpostorSpec[];
}

/** What world.ts prints (one JSON line) once the CLI is done. */
export interface WorldResult {
  exitCode: number | null;
  signal: string | null;
  /** From spawning the CLI to its exit. */
  elapsedMs: number;
  stdout: string;
  stderr: string;
  /** Requests each lab server received (proves which way the engine went). */
  requests: { targets: Record<string, number>; status: number; connectivity: number; proxy: string[]; systemDns: string[]; referenceDns: string[] };
}

/** The namespace's resolv.conf: the system resolver the world's spec asks for. */
export function resolvConfFor(spec: WorldSpec): string {
  const server = spec.systemDns.unreachable ? TEST_NET.systemDns : LAB_ADDRESSES.systemDns;
  return `# gateway-doctor scenario world "${spec.name}"\nnameserver ${server}\n`;
}

/** The namespace's hosts file: nothing but localhost, so the machine's own entries never leak into a world. */
export const HOSTS_FILE = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n';
