// The layered probe of one target (DNS → TCP → TLS → HTTP), shared by the targets check, the retry check and the
// proxy check. Implemented in target-probe.ts.
import type { FailedLayer, ResponderKind, TlsProblem } from '../../common/facts.js';

export interface ProxyEndpoint {
  /** http://host:port of an HTTP proxy (CONNECT for https targets, absolute URI for http ones). Credentials in the
   * URL (http://user:pass@host:port) are sent as Proxy-Authorization: Basic. */
  url: string;
}

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM). */
  ca?: string[];
  /** Go through this proxy instead of directly. */
  proxy?: ProxyEndpoint;
  /** DNS servers to resolve with instead of the system's (`ip` or `ip:port`). */
  dnsServers?: string[];
  /** Connect to this address instead of resolving (used to test another resolver's answer). */
  address?: string;
  /** Stop once this layer is done (an https answer is proven by its certificate; the request is not needed). */
  upTo?: 'tls';
}

export interface LayerTiming {
  ok: boolean;
  durationMs: number;
  /** Node/OpenSSL error code when not ok (ENOTFOUND, ESERVFAIL, ETIMEOUT, ECONNREFUSED, UNABLE_TO_VERIFY_LEAF_SIGNATURE…). */
  error?: string;
}

/** Who produced an HTTP answer, read from its page first and its headers second (signature.ts). */
export type SignatureKind = ResponderKind;

export interface ResponseSignature {
  kind: SignatureKind;
  /** Whose page or server it is: cloudflare, cloudfront, fastly, varnish, akamai, aws-elb, google, envoy, nginx,
   * squid; for a relayed answer, the CDN it came through. */
  vendor?: string;
  /** The error code the page shows (Cloudflare's "Error code 522", its 1101), or the HTTP status. */
  errorCode?: number;
  /** Cloudflare's Ray ID (from the cf-ray header or the page footer). */
  rayId?: string;
  /** Another vendor's request reference (CloudFront's Request ID, Akamai's Reference #, Varnish's XID). */
  requestId?: string;
  /** The answer passed through Cloudflare (server: cloudflare or a cf-ray header). */
  behindCloudflare: boolean;
  /** The CDNs and load balancers its headers name (they are on relayed answers too). */
  edges?: string[];
  /** Which side the page says failed. */
  failingSide?: 'browser' | 'edge' | 'origin' | 'proxy';
  /** One plain sentence about what was recognised. */
  detail: string;
}

export interface TargetProbeResult {
  url: string;
  failedLayer: FailedLayer;
  /** With a proxy, the DNS and TCP layers are those of the proxy (the proxy resolves and reaches the target). */
  dns: LayerTiming & {
    addresses: string[];
    /** No query was made: an IP literal, or the `address` option. */
    skipped?: boolean;
    /** The servers asked, when not the system's. */
    servers?: string[];
  };
  tcp?: LayerTiming & { address?: string; port?: number };
  /** ok is false when the handshake failed or the certificate does not pass validation (then HTTP is not tried). */
  tls?: LayerTiming & {
    authorized: boolean;
    problem?: TlsProblem;
    issuer?: string;
    /** The issuer's common name or organisation, for sentences ("issued by …"). */
    issuerName?: string;
    subject?: string;
    subjectAltNames?: string[];
    validFrom?: string;
    validTo?: string;
    protocol?: string;
    /** The certificate names the host (tls.checkServerIdentity). */
    hostMatches?: boolean;
  };
  http?: LayerTiming & {
    status?: number;
    /** The headers worth a support engineer's time (server, cf-ray, via, location…); never cookies. */
    headers?: Record<string, string>;
    /** What answered: edge-origin-error, edge, relayed-origin, origin-proxy, proxy, origin, unknown. */
    signature?: SignatureKind;
    signatureDetail?: ResponseSignature;
    timeToHeadersMs?: number;
    bodyBytes?: number;
    /** Only the first 64 KiB were read. */
    bodyTruncated?: boolean;
  };
  /** Set when the request went through a proxy. `error` names the proxy's own failure: a socket code (ECONNREFUSED,
   * ETIMEDOUT…) when the proxy cannot be reached, PROXY_AUTH_REQUIRED (407), PROXY_DENIED (another 4xx),
   * PROXY_ERROR (a 5xx the proxy produced itself), PROXY_CLOSED (closed without answering CONNECT), PROXY_SILENT
   * (took the connection and never answered CONNECT). */
  proxy?: {
    url: string;
    error?: string;
    status?: number;
    headers?: Record<string, string>;
    signature?: SignatureKind;
  };
  totalMs: number;
}
