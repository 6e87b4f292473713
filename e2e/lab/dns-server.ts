// Lab: a real DNS server (dns2, UDP + TCP) on a loopback address, answering from a zone the test controls.
// Each name can answer with addresses, NXDOMAIN, SERVFAIL, REFUSED, an empty answer, or silence; the whole server
// can also be switched to silence (a resolver that never answers).
import dns2 from 'dns2';

const { Packet } = dns2;
// dns2's typings lack RCODE and plain-object answers; these are its documented values (README, packet.js).
const RCODE = { NXDOMAIN: 3, SERVFAIL: 2, REFUSED: 5 } as const;

export type DnsBehaviour =
  | { kind: 'answer'; ipv4?: string[]; ipv6?: string[]; ttl?: number }
  | { kind: 'nxdomain' }
  | { kind: 'servfail' }
  | { kind: 'refused' }
  | { kind: 'nodata' }
  | { kind: 'silent' };

export interface DnsServerOptions {
  /** Loopback address to listen on (inside a test namespace, any 127.x address; port 53 then works as root). */
  address?: string;
  /** 0 = a random free port (the same one for UDP and TCP is not guaranteed: use `port` for UDP). */
  port?: number;
  /** name (lower case, no trailing dot) → behaviour; names not listed get `fallback`. */
  zone?: Record<string, DnsBehaviour>;
  fallback?: DnsBehaviour;
  /** Added to every answer, to simulate a slow resolver. */
  delayMs?: number;
}

export interface LabDnsServer {
  address: string;
  port: number;
  /** `address:port` as a profile's referenceResolvers entry or c-ares' setServers take it. */
  endpoint: string;
  zone: Record<string, DnsBehaviour>;
  fallback: DnsBehaviour;
  delayMs: number;
  /** Make every query go unanswered (or answer again). */
  silent: boolean;
  /** Names asked so far, in order. */
  queries: { name: string; type: number }[];
  close(): Promise<void>;
}

export async function startDnsServer(options: DnsServerOptions = {}): Promise<LabDnsServer> {
  const address = options.address ?? '127.0.0.1';
  const state: Pick<LabDnsServer, 'zone' | 'fallback' | 'delayMs' | 'silent' | 'queries'> = {
    zone: { ...(options.zone ?? {}) },
    fallback: options.fallback ?? ({ kind: 'nxdomain' } as DnsBehaviour),
    delayMs: options.delayMs ?? 0,
    silent: false,
    queries: [] as { name: string; type: number }[],
  };

  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      const question = request.questions[0];
      if (!question) return;
      const name = question.name.toLowerCase().replace(/\.$/, '');
      state.queries.push({ name, type: question.type });
      const behaviour = state.zone[name] ?? state.fallback;
      if (state.silent || behaviour.kind === 'silent') return;
      const response = Packet.createResponseFromRequest(request);
      response.header.ra = 1;
      const answers = response.answers as unknown as object[];
      switch (behaviour.kind) {
        case 'nxdomain':
          response.header.rcode = RCODE.NXDOMAIN;
          break;
        case 'servfail':
          response.header.rcode = RCODE.SERVFAIL;
          break;
        case 'refused':
          response.header.rcode = RCODE.REFUSED;
          break;
        case 'nodata':
          break;
        case 'answer':
          if (question.type === Packet.TYPE.A) {
            for (const ip of behaviour.ipv4 ?? []) {
              answers.push({ name: question.name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: behaviour.ttl ?? 60, address: ip });
            }
          } else if (question.type === Packet.TYPE.AAAA) {
            for (const ip of behaviour.ipv6 ?? []) {
              answers.push({ name: question.name, type: Packet.TYPE.AAAA, class: Packet.CLASS.IN, ttl: behaviour.ttl ?? 60, address: ip });
            }
          }
          break;
      }
      if (state.delayMs > 0) setTimeout(() => send(response), state.delayMs);
      else send(response);
    },
  });

  const listening = new Promise<void>((resolve) => server.once('listening', () => resolve()));
  await server.listen({ udp: { port: options.port ?? 0, address}, tcp: { port: options.port ?? 0, address } });
  await listening;
  const addresses = server.addresses() as { udp?: { port: number } };
  const port = addresses.udp?.port ?? options.port ?? 53;

  // The handler reads `state`: the lab object is that same object, so tests change the world by assigning to it.
  return Object.assign(state, {
    address,
    port,
    endpoint: address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`,
    close: async () => {
      await server.close();
    },
  });
}
