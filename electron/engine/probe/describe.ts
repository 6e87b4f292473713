// Plain sentences about a probe result, for check summaries a non-expert reads.
import { siteName } from '../../common/site.js';
import { classifyStatus } from './status-class.js';
import type { TargetProbeResult } from './types.js';

const DNS_TEXT: Record<string, string> = {
  ENOTFOUND: 'its name does not exist in DNS',
  ENODATA: 'DNS has no address for its name',
  ESERVFAIL: 'the DNS server failed to look up its name',
  EREFUSED: 'the DNS server refused to look up its name',
  ECONNREFUSED: 'the DNS server could not be reached',
  ETIMEOUT: 'DNS did not answer in time',
  ECANCELLED: 'the diagnosis ended while its name was being looked up',
};

const SOCKET_TEXT: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'there is no route to it',
  ENETUNREACH: 'the network is unreachable',
  ECANCELLED: 'the diagnosis ended before it connected',
};

/** Capitalises a clause's leading word to start a sentence, never a leading host name ("chat.lab:443 …"). */
export function capitalizeClause(text: string): string {
  return /^[a-z]+\s/.test(text) ? `${text[0]!.toUpperCase()}${text.slice(1)}` : text;
}

export { siteName } from '../../common/site.js';

function proxyPhrase(result: TargetProbeResult): string {
  const proxy = result.proxy!;
  const code = proxy.error ?? '';
  switch (code) {
    case 'PROXY_AUTH_REQUIRED':
      return `the proxy ${proxy.url} asks for a user name and password (HTTP 407)`;
    case 'PROXY_DENIED':
      return `the proxy ${proxy.url} refused to connect to it (HTTP ${proxy.status})`;
    case 'PROXY_ERROR':
      return `the proxy ${proxy.url} failed to reach it and answered HTTP ${proxy.status} itself`;
    case 'PROXY_CLOSED':
      return `the proxy ${proxy.url} closed the connection without answering`;
    case 'PROXY_SILENT':
      return `the proxy ${proxy.url} took the connection but never answered`;
    default:
      // Error codes stay in the evidence: sentences say what happened in words.
      if (result.failedLayer === 'dns') return `the proxy's name (${proxy.url}) cannot be looked up`;
      return `the proxy ${proxy.url} cannot be reached: ${SOCKET_TEXT[code] ?? 'the connection failed'}`;
  }
}

/** "chatgpt.com answers normally (HTTP 200, 180 ms)" and the like. */
export function describeProbe(result: TargetProbeResult): string {
  const site = siteName(result.url);
  if (result.proxy?.error && (result.failedLayer === 'dns' || result.failedLayer === 'tcp')) {
    return `${site} could not be reached through the proxy: ${proxyPhrase(result)}`;
  }
  switch (result.failedLayer) {
    case 'dns': {
      const code = result.dns.error ?? '';
      return `${site} could not be found: ${DNS_TEXT[code] ?? 'the DNS lookup failed'}`;
    }
    case 'tcp': {
      const code = result.tcp?.error ?? '';
      return `${site} could not be reached: ${SOCKET_TEXT[code] ?? 'the connection failed'}`;
    }
    case 'tls': {
      const tls = result.tls;
      if (result.proxy && !tls?.problem && (tls?.error === 'ETIMEDOUT' || tls?.error === 'ECANCELLED' || tls?.error === 'ECONNRESET')) {
        return `${site} could not be reached through the proxy: the proxy ${result.proxy.url} opened the connection, then nothing came back`;
      }
      switch (tls?.problem) {
        case 'unknown-issuer':
          return `${site}'s certificate is issued by “${tls.issuerName ?? 'an unknown authority'}”, which this computer does not trust (something may be intercepting secure connections)`;
        case 'wrong-host':
          return `${site}'s certificate belongs to another site${tls.subject ? ` (${tls.subject})` : ''}`;
        case 'expired':
          return `${site}'s certificate expired${tls.validTo ? ` on ${tls.validTo.slice(0, 10)}` : ''}`;
        case 'other':
          return `${site}'s certificate was rejected by this computer`;
        default:
          return `the secure connection to ${site} failed`;
      }
    }
    case 'http': {
      const code = result.http?.error ?? '';
      if (code === 'ETIMEDOUT') return `${site} accepted the connection but did not answer in time`;
      if (code === 'ECONNRESET') return `${site} closed the connection without answering`;
      if (code === 'ECANCELLED') return `the diagnosis ended before ${site} answered`;
      return `${site}'s answer could not be read`;
    }
    default: {
      const status = result.http?.status ?? 0;
      const timing = `${result.totalMs} ms`;
      const statusClass = classifyStatus(status);
      if (statusClass === 'reachable') return `${site} answers normally (HTTP ${status}, ${timing})`;
      const detail = result.http?.signatureDetail;
      const why = detail && detail.kind !== 'unknown' && detail.kind !== 'origin' ? ` — ${lowerFirst(detail.detail.replace(/\.$/, ''))}` : '';
      if (statusClass === 'server-error') return `${site} answers with server error ${status}${why}`;
      return `${site} answers with HTTP ${status}${why}`;
    }
  }
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) && !/^(Cloudflare|Squid|Amazon|Akamai|Fastly|Google|Envoy|Varnish)/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
