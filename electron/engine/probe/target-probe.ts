// The layered probe of one target, as ChromeOS's connectivity diagnostics do for Google's hosts: DNS answer →
// TCP connect → TLS handshake (judged as a browser would) → HTTP GET (status, telling headers, body signature),
// each layer timed. Optionally through an HTTP proxy, as the browser goes when one is in effect. Never throws:
// every failure is a result naming the layer, and the whole probe stays within options.timeoutMs.
import { isIP, type Socket } from 'node:net';
import { LookupError, resolveHost } from '../net/lookup.js';
import { errorCode, LayerError, ProbeBudget } from './budget.js';
import { exchangeHttp } from './http-exchange.js';
import { redactProxyUrl } from '../../system/proxy/proxy-server.js';
import { openTunnel, proxyAuthorization, proxyFailureCode } from './proxy-tunnel.js';
import { identifyResponder } from './signature.js';
import { connectTcp } from './tcp-connect.js';
import { handshakeTls } from './tls-handshake.js';
import type { ProbeOptions, TargetProbeResult } from './types.js';

export type { ProbeOptions, TargetProbeResult } from './types.js';

/** A name lookup gets at most this long (as the dns check's own queries): a silent resolver costs this, not the
 * whole probe. */
export const DNS_LAYER_MAX_MS = 3_000;

/** Connecting gets at most this long (a lost SYN is resent after 1 s and 3 s): a black hole costs this, not the whole
 * probe. Through a proxy it covers the proxy's answer to CONNECT too. */
export const TCP_LAYER_MAX_MS = 4_000;
/** A TLS handshake gets at most this long: a tunnel or server that goes quiet costs this. */
export const TLS_LAYER_MAX_MS = 4_000;

/** Addresses tried at the TCP layer, IPv4 first (at most this many: each one shares the remaining time). */
const MAX_ADDRESSES = 4;

const bare = (host: string): string => host.replace(/^\[|\]$/g, '');
const defaultPort = (url: URL): number => Number(url.port) || (url.protocol === 'https:' ? 443 : 80);

export async function probeTarget(url: string, options: ProbeOptions): Promise<TargetProbeResult> {
  const started = performance.now();
  const since = (mark: number): number => Math.round(performance.now() - mark);
  const result: TargetProbeResult = { url, failedLayer: null, dns: { ok: false, durationMs: 0, addresses: [] }, totalMs: 0 };
  const budget = new ProbeBudget(options.timeoutMs, options.signal);
  /** The outermost socket open right now. Only it is destroyed: a TLS socket owns the TCP handle beneath it, and
   * destroying both crashes Node at exit. */
  let open: Socket | undefined;
  /** A layer's error code, with the budget's own reason when it ran out. */
  const codeOf = (error: unknown, dnsStyle = false): string => {
    const code = errorCode(error);
    if (code !== 'EABORTED' && !(error instanceof LookupError && code === 'ECANCELLED')) return code;
    const reason = budget.exhaustedCode();
    return dnsStyle && reason === 'ETIMEDOUT' ? 'ETIMEOUT' : reason;
  };

  try {
    let target: URL;
    let proxyUrl: URL | undefined;
    try {
      target = new URL(url);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error('not http(s)');
      if (options.proxy) {
        proxyUrl = new URL(options.proxy.url);
        if (proxyUrl.protocol !== 'http:') throw new Error('only http:// proxies');
      }
    } catch {
      result.failedLayer = 'dns';
      result.dns.error = 'ERR_INVALID_URL';
      if (options.proxy) result.proxy = { url: redactProxyUrl(options.proxy.url), error: 'ERR_INVALID_URL' };
      return result;
    }
    const https = target.protocol === 'https:';
    const targetHost = bare(target.hostname);
    const targetPort = defaultPort(target);
    if (proxyUrl) result.proxy = { url: redactProxyUrl(proxyUrl.toString()) };
    const failProxy = (error: string, extra: Omit<NonNullable<TargetProbeResult['proxy']>, 'url' | 'error'> = {}): void => {
      if (result.proxy) Object.assign(result.proxy, { error, ...extra });
    };

    // DNS: the proxy's name when going through one (the proxy resolves the target), else the target's.
    const connectHost = proxyUrl ? bare(proxyUrl.hostname) : targetHost;
    const connectPort = proxyUrl ? defaultPort(proxyUrl) : targetPort;
    const dnsStart = performance.now();
    let addresses: string[];
    if (!proxyUrl && options.address) {
      addresses = [bare(options.address)];
      result.dns = { ok: true, durationMs: 0, addresses, skipped: true };
    } else if (isIP(connectHost) !== 0) {
      addresses = [connectHost];
      result.dns = { ok: true, durationMs: 0, addresses, skipped: true };
    } else {
      const servers = options.dnsServers && options.dnsServers.length > 0 ? options.dnsServers : undefined;
      try {
        const answers = await resolveHost(connectHost, {
          timeoutMs: Math.max(1, Math.min(DNS_LAYER_MAX_MS, budget.remainingMs())),
          signal: budget.signal,
          ...(servers ? { servers } : {}),
        });
        addresses = answers.map((a) => a.address);
        result.dns = { ok: true, durationMs: since(dnsStart), addresses, ...(servers ? { servers } : {}) };
      } catch (error) {
        const code = codeOf(error, true);
        result.dns = { ok: false, durationMs: since(dnsStart), addresses: [], error: code, ...(servers ? { servers } : {}) };
        result.failedLayer = 'dns';
        failProxy(code);
        return result;
      }
    }

    // TCP: each address in turn, sharing the time left, until one accepts.
    const tcpStart = performance.now();
    const candidates = [...addresses.filter((a) => isIP(a) === 4), ...addresses.filter((a) => isIP(a) === 6)].slice(0, MAX_ADDRESSES);
    let socket: Socket | undefined;
    let lastError = 'ENOADDRESS';
    let lastAddress: string | undefined;
    for (const [index, address] of candidates.entries()) {
      lastAddress = address;
      try {
        const left = Math.min(budget.remainingMs(), TCP_LAYER_MAX_MS - (performance.now() - tcpStart));
        const share = left / (candidates.length - index);
        socket = await connectTcp(address, connectPort, Math.max(1, share), budget.signal);
        open = socket;
        break;
      } catch (error) {
        lastError = codeOf(error);
        if (budget.signal.aborted) break;
      }
    }
    const tcpBase = { ...(lastAddress ? { address: lastAddress } : {}), port: connectPort };
    if (!socket) {
      result.tcp = { ok: false, durationMs: since(tcpStart), error: lastError, ...tcpBase };
      result.failedLayer = 'tcp';
      failProxy(lastError);
      return result;
    }

    const authHeaders = proxyUrl ? proxyAuthorization(proxyUrl) : {};
    // Through a proxy, the TCP layer is done once the proxy opened a tunnel to the target (https).
    if (proxyUrl && https) {
      const authority = `${isIP(targetHost) === 6 ? `[${targetHost}]` : targetHost}:${targetPort}`;
      try {
        const layer = budget.layer(TCP_LAYER_MAX_MS - (performance.now() - tcpStart));
        const answer = await openTunnel(socket, authority, authHeaders, layer.signal).finally(layer.dispose);
        if (!answer.tunnel) {
          const code = proxyFailureCode(answer.status);
          result.tcp = { ok: false, durationMs: since(tcpStart), error: code, ...tcpBase };
          result.failedLayer = 'tcp';
          failProxy(code, {
            status: answer.status,
            headers: answer.headers,
            signature: identifyResponder(answer.status, answer.headers, answer.body).kind,
          });
          return result;
        }
        socket = answer.tunnel;
        open = socket;
        result.proxy!.status = answer.status;
      } catch (error) {
        const code = codeOf(error);
        // The proxy took the connection and closed it without a word, or kept it and never answered.
        const proxyCode = code === 'ECONNRESET' ? 'PROXY_CLOSED' : code === 'ETIMEDOUT' || code === 'ECANCELLED' ? 'PROXY_SILENT' : code;
        result.tcp = { ok: false, durationMs: since(tcpStart), error: proxyCode, ...tcpBase };
        result.failedLayer = 'tcp';
        failProxy(proxyCode);
        return result;
      }
    }
    result.tcp = { ok: true, durationMs: since(tcpStart), ...tcpBase };

    // TLS: a certificate the browser would refuse stops here, as the browser stops.
    if (https) {
      const tlsStart = performance.now();
      // From here the TLS socket owns the TCP one (handshakeTls destroys it when the handshake fails).
      open = undefined;
      try {
        const layer = budget.layer(TLS_LAYER_MAX_MS);
        const handshake = await handshakeTls(socket, { host: targetHost, ...(options.ca ? { ca: options.ca } : {}), signal: layer.signal }).finally(layer.dispose);
        socket = handshake.socket;
        open = socket;
        result.tls = {
          ok: handshake.authorized,
          durationMs: since(tlsStart),
          authorized: handshake.authorized,
          hostMatches: handshake.hostMatches,
          ...(handshake.authorized ? {} : { error: handshake.authorizationError ?? 'CERT_REJECTED' }),
          ...(handshake.problem ? { problem: handshake.problem } : {}),
          ...handshake.certificate,
          ...(handshake.protocol ? { protocol: handshake.protocol } : {}),
        };
        if (!handshake.authorized) {
          result.failedLayer = 'tls';
          return result;
        }
        if (options.upTo === 'tls') return result;
      } catch (error) {
        result.tls = { ok: false, durationMs: since(tlsStart), authorized: false, error: codeOf(error) };
        result.failedLayer = 'tls';
        return result;
      }
    }

    // HTTP: origin-form to the server (or through the tunnel); absolute URI to a proxy for http targets.
    const httpStart = performance.now();
    const viaProxyPlain = proxyUrl !== undefined && !https;
    try {
      const answer = await exchangeHttp(
        socket,
        {
          path: viaProxyPlain ? target.href : `${target.pathname}${target.search}`,
          host: target.host,
          headers: viaProxyPlain ? authHeaders : {},
        },
        budget.signal,
      );
      const signature = identifyResponder(answer.status, answer.headers, answer.body);
      // A plain-http answer may be the proxy's own (it asks for credentials, or Squid says it failed).
      if (viaProxyPlain && (answer.status === 407 || (answer.status >= 400 && answer.headers['x-squid-error'] !== undefined))) {
        const code = proxyFailureCode(answer.status);
        result.tcp = { ok: false, durationMs: result.tcp.durationMs + since(httpStart), error: code, ...tcpBase };
        result.failedLayer = 'tcp';
        failProxy(code, { status: answer.status, headers: answer.headers, signature: signature.kind });
        return result;
      }
      result.http = {
        ok: true,
        durationMs: since(httpStart),
        status: answer.status,
        headers: answer.headers,
        signature: signature.kind,
        signatureDetail: signature,
        timeToHeadersMs: answer.timeToHeadersMs,
        bodyBytes: answer.bodyBytes,
        bodyTruncated: answer.bodyTruncated,
      };
      if (viaProxyPlain) result.proxy!.status = answer.status;
    } catch (error) {
      result.http = { ok: false, durationMs: since(httpStart), error: codeOf(error) };
      result.failedLayer = 'http';
    }
    return result;
  } catch (error) {
    // A bug in a layer must still give a complete result.
    result.failedLayer ??= 'http';
    result.http ??= { ok: false, durationMs: 0, error: error instanceof LayerError ? error.code : `EINTERNAL: ${(error as Error).message}` };
    return result;
  } finally {
    open?.destroy();
    budget.dispose();
    result.totalMs = since(started);
  }
}
