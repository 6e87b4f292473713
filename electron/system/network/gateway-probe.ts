// Is the default gateway (the router) answering? Without raw sockets (no ping rights needed): a TCP connection
// to a few ports. A connection OR a refusal (RST) proves the router is alive; silence until the timeout, or "host
// unreachable" (no ARP/ND answer), means it is not.
import net from 'node:net';
import { probeTcp } from '../../engine/net/tcp-connect.js';

export type GatewayAnswer = 'answered' | 'unreachable' | 'no-answer';

export interface PortAttempt {
  port: number;
  outcome: GatewayAnswer;
  /** connected, ECONNREFUSED, EHOSTUNREACH, ETIMEDOUT… */
  detail: string;
  durationMs: number;
}

export interface GatewayProbeResult {
  address: string;
  answering: boolean;
  attempts: PortAttempt[];
  durationMs: number;
}

/** Pure: what a connect() outcome says about the host. */
export function classifyConnectOutcome(code: string | null): GatewayAnswer {
  if (code === null || code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'answered';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'EADDRNOTAVAIL') return 'unreachable';
  return 'no-answer';
}

/** DNS (53) and HTTP (80) first: home routers and captive gateways usually serve one of them. */
export const GATEWAY_PORTS = [53, 80, 443];

async function tryPort(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<PortAttempt> {
  const probe = await probeTcp(host, port, { timeoutMs, signal });
  const detail = probe.ok ? 'connected' : (probe.code ?? 'ECONNECT');
  return { port, outcome: classifyConnectOutcome(probe.ok ? null : detail), detail, durationMs: probe.durationMs };
}

/**
 * Probes the gateway on each port at once; done as soon as one answers. `scope` is the interface for an
 * IPv6 link-local gateway (fe80::1%eth0).
 */
export async function probeGateway(
  address: string,
  options: { timeoutMs: number; signal?: AbortSignal; ports?: number[]; scope?: string },
): Promise<GatewayProbeResult> {
  const started = performance.now();
  const host = /^fe80:/i.test(address) && options.scope && !address.includes('%') ? `${address}%${options.scope}` : address;
  if (net.isIP(host.replace(/%.*$/, '')) === 0) {
    return { address, answering: false, attempts: [], durationMs: 0 };
  }
  // The first answer settles it: the other attempts are cancelled instead of waiting for their timeouts.
  const settled = new AbortController();
  const onAbort = (): void => settled.abort();
  if (options.signal?.aborted) settled.abort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const attempts = await Promise.all(
    (options.ports ?? GATEWAY_PORTS).map(async (port) => {
      const attempt = await tryPort(host, port, options.timeoutMs, settled.signal);
      if (attempt.outcome === 'answered') settled.abort();
      return attempt;
    }),
  );
  options.signal?.removeEventListener('abort', onAbort);
  return {
    address,
    answering: attempts.some((a) => a.outcome === 'answered'),
    attempts,
    durationMs: Math.round(performance.now() - started),
  };
}
