// What an HTTP status means for "can this machine reach the service" (SPEC.md causes `server-error`, `browser`).
import type { ResponderFacts, TargetFacts } from '../../common/facts.js';
import type { ResponseSignature, TargetProbeResult } from './types.js';

/** The verdict's (and explain's) view of who answered. */
export function responderFacts(signature: ResponseSignature, status?: number): ResponderFacts {
  return {
    kind: signature.kind,
    ...(signature.vendor ? { vendor: signature.vendor } : {}),
    ...(signature.failingSide ? { failingSide: signature.failingSide } : {}),
    ...(signature.errorCode !== undefined && signature.errorCode !== status ? { errorCode: signature.errorCode } : {}),
  };
}

export type StatusClass = 'reachable' | 'server-error' | 'other';

/** 2xx, 3xx, 401, 403 and 429 prove the service answers this machine; 500, 502–504 and 520–527 are server errors. */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 400) return 'reachable';
  if (status === 401 || status === 403 || status === 429) return 'reachable';
  if (status === 500 || status === 502 || status === 503 || status === 504) return 'server-error';
  if (status >= 520 && status <= 527) return 'server-error';
  return 'other';
}

/** The verdict's view of one probe. */
export function toTargetFacts(id: string, result: TargetProbeResult): TargetFacts {
  const status = result.failedLayer === null ? result.http?.status : undefined;
  const statusClass = status === undefined ? undefined : classifyStatus(status);
  const signature = result.http?.signatureDetail;
  return {
    id,
    url: result.url,
    failedLayer: result.failedLayer,
    ...(status !== undefined ? { httpStatus: status } : {}),
    serverError: statusClass === 'server-error',
    reachable: statusClass === 'reachable',
    ...(result.tls?.problem ? { tlsProblem: result.tls.problem } : {}),
    ...(status !== undefined && signature ? { responder: responderFacts(signature, status) } : {}),
    // Round trips to the target itself: only a direct connection times the network between here and there.
    ...(!result.proxy && result.tcp?.ok ? { tcpConnectMs: result.tcp.durationMs } : {}),
    ...(!result.proxy && result.tls?.ok ? { tlsHandshakeMs: result.tls.durationMs } : {}),
  };
}
