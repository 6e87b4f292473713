// The TLS layer: a handshake over an open socket that accepts any certificate, so it can be read and then judged
// as a browser would (chain to a trusted root, validity dates, host name).
import { isIP, type Socket } from 'node:net';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import type { TlsProblem } from '../../common/facts.js';
import { LayerError } from './budget.js';

export interface TlsHandshake {
  socket: TLSSocket;
  /** The chain is trusted, the dates are valid and the certificate names the host. */
  authorized: boolean;
  /** OpenSSL's verdict on the chain and dates (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED…), or the
   * host-name error (ERR_TLS_CERT_ALTNAME_INVALID) when only the name is wrong. */
  authorizationError?: string;
  problem?: TlsProblem;
  hostMatches: boolean;
  certificate: CertificateSummary;
  protocol?: string;
}

export interface CertificateSummary {
  subject?: string;
  issuer?: string;
  issuerName?: string;
  subjectAltNames?: string[];
  validFrom?: string;
  validTo?: string;
}

const UNKNOWN_ISSUER_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** Pure: what a verification result means to the user. Chain problems come first: a browser reports those. */
export function tlsProblemFor(chainError: string | undefined, hostMatches: boolean): TlsProblem | undefined {
  if (chainError) {
    if (UNKNOWN_ISSUER_CODES.has(chainError)) return 'unknown-issuer';
    if (chainError === 'CERT_HAS_EXPIRED') return 'expired';
    if (chainError === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'wrong-host';
    return 'other';
  }
  return hostMatches ? undefined : 'wrong-host';
}

type DistinguishedName = Record<string, string | string[] | undefined>;

function formatDn(dn: DistinguishedName | undefined): string | undefined {
  if (!dn) return undefined;
  const parts = Object.entries(dn)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function summarizeCertificate(cert: PeerCertificate | undefined): CertificateSummary {
  if (!cert || Object.keys(cert).length === 0) return {};
  const issuer = cert.issuer as unknown as DistinguishedName | undefined;
  const subject = cert.subject as unknown as DistinguishedName | undefined;
  const issuerName = firstValue(issuer?.CN) ?? firstValue(issuer?.O);
  const summary: CertificateSummary = {};
  const subjectText = formatDn(subject);
  const issuerText = formatDn(issuer);
  if (subjectText) summary.subject = subjectText;
  if (issuerText) summary.issuer = issuerText;
  if (issuerName) summary.issuerName = issuerName;
  if (cert.subjectaltname) summary.subjectAltNames = cert.subjectaltname.split(/,\s*/);
  const validFrom = isoDate(cert.valid_from);
  const validTo = isoDate(cert.valid_to);
  if (validFrom) summary.validFrom = validFrom;
  if (validTo) summary.validTo = validTo;
  return summary;
}

export interface TlsOptions {
  /** The host name (or IP) the browser asked for: SNI and the identity check use it. */
  host: string;
  /** Extra trusted CAs (PEM), on top of Node's bundled roots. */
  ca?: string[];
  signal: AbortSignal;
}

/** Runs the handshake; rejects (LayerError) only when no handshake completed. A rejected certificate resolves with
 * authorized false. */
export function handshakeTls(socket: Socket, options: TlsOptions): Promise<TlsHandshake> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new LayerError('EABORTED'));
      return;
    }
    const host = options.host.replace(/^\[|\]$/g, '');
    const secure = tls.connect({
      socket,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
      // The identity is checked below, separately, so the chain's verdict and the name's are both known.
      checkServerIdentity: () => undefined,
      ALPNProtocols: ['http/1.1'],
      ...(options.ca && options.ca.length > 0 ? { ca: [...tls.rootCertificates, ...options.ca] } : {}),
    });
    secure.on('error', () => {});
    const finish = (error: LayerError | null): void => {
      options.signal.removeEventListener('abort', onAbort);
      secure.removeListener('secureConnect', onSecure);
      secure.removeListener('error', onError);
      if (error) {
        secure.destroy();
        reject(error);
        return;
      }
      const cert = secure.getPeerCertificate();
      const hostMatches = cert && Object.keys(cert).length > 0 ? tls.checkServerIdentity(host, cert) === undefined : false;
      const chainError = secure.authorized ? undefined : String(secure.authorizationError ?? 'UNABLE_TO_VERIFY');
      const problem = tlsProblemFor(chainError, hostMatches);
      const authorizationError = chainError ?? (hostMatches ? undefined : 'ERR_TLS_CERT_ALTNAME_INVALID');
      resolve({
        socket: secure,
        authorized: problem === undefined,
        ...(authorizationError ? { authorizationError } : {}),
        ...(problem ? { problem } : {}),
        hostMatches,
        certificate: summarizeCertificate(cert),
        ...(secure.getProtocol() ? { protocol: secure.getProtocol()! } : {}),
      });
    };
    const onSecure = (): void => finish(null);
    const onError = (error: NodeJS.ErrnoException): void => finish(new LayerError(error.code ?? 'ETLS', error.message));
    const onAbort = (): void => finish(new LayerError('EABORTED'));
    secure.once('secureConnect', onSecure);
    secure.once('error', onError);
    options.signal.addEventListener('abort', onAbort, { once: true });
  });
}
