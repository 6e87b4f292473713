// The layered probe of one target (DNS → TCP → TLS → HTTP), shared by the targets check, the retry check and the
// proxy check. Implemented in target-probe.ts.
import type { FailedLayer, TlsProblem } from '../facts.js';

export interface ProxyEndpoint {
  /** http://host:port of an HTTP proxy (CONNECT for https targets, absolute URI for http ones). */
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
}

export interface LayerTiming {
  ok: boolean;
  durationMs: number;
  /** Node/OpenSSL error code when not ok (ENOTFOUND, ESERVFAIL, ETIMEOUT, ECONNREFUSED, UNABLE_TO_VERIFY_LEAF_SIGNATURE…). */
  error?: string;
}

export interface TargetProbeResult {
  url: string;
  failedLayer: FailedLayer;
  dns: LayerTiming & { addresses: string[] };
  tcp?: LayerTiming & { address?: string; port?: number };
  tls?: LayerTiming & {
    authorized: boolean;
    problem?: TlsProblem;
    issuer?: string;
    subject?: string;
    subjectAltNames?: string[];
    validFrom?: string;
    validTo?: string;
    protocol?: string;
  };
  http?: LayerTiming & {
    status?: number;
    headers?: Record<string, string>;
    /** What answered: cloudflare-edge, cloudflare-origin-error, nginx, proxy, unknown. */
    signature?: string;
  };
  /** Set when the request went through a proxy. */
  proxy?: { url: string; error?: string; status?: number };
  totalMs: number;
}
