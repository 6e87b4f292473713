// Who produced an HTTP answer: Cloudflare's edge, the site's server behind Cloudflare, nginx, a forward proxy.
// Pure (status, headers, body in; a verdict on the answer out) so it is tested on real page formats.
import type { ResponseSignature } from './types.js';

/** Cloudflare's 52x codes: the edge reached (or tried) the site's own server, and that server failed. */
const CLOUDFLARE_ORIGIN_CODES = new Set([520, 521, 522, 523, 524, 525, 526, 527]);

type Headers = Record<string, string | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}

/** Which box of Cloudflare's "You → Cloudflare → Host" diagram is marked `cf-error-source`. */
function cloudflareErrorSource(body: string): ResponseSignature['failingSide'] | undefined {
  const boxes: [string, ResponseSignature['failingSide']][] = [
    ['browser', 'browser'],
    ['cloudflare', 'edge'],
    ['host', 'origin'],
  ];
  for (const [id, side] of boxes) {
    const tag = new RegExp(`<div\\b[^>]*\\bid=["']cf-${id}-status["'][^>]*>`, 'i').exec(body)?.[0];
    if (tag && /\bcf-error-source\b/.test(tag)) return side;
  }
  return undefined;
}

function cloudflareSignature(status: number, headers: Headers, body: string): ResponseSignature {
  // 5xx pages say "Error code 522"; the 1xxx block pages put the code in a cf-error-code span.
  const pageCode =
    /Error code\s*(\d{3,4})/i.exec(body)?.[1] ?? /class=["']cf-error-code["'][^>]*>\s*(\d{3,4})/i.exec(body)?.[1];
  const errorCode = pageCode ? Number(pageCode) : status;
  const rayId =
    header(headers, 'cf-ray') ?? /Cloudflare Ray ID:\s*(?:<[^>]+>\s*)*([0-9a-f]{8,})/i.exec(body)?.[1] ?? undefined;
  const base = { errorCode, behindCloudflare: true, ...(rayId ? { rayId } : {}) };
  const hasDiagram = /\bcf-error-details\b|\bid=["']cf-wrapper["']/i.test(body);
  const source = hasDiagram ? cloudflareErrorSource(body) : undefined;

  if (CLOUDFLARE_ORIGIN_CODES.has(errorCode) || CLOUDFLARE_ORIGIN_CODES.has(status)) {
    return {
      ...base,
      kind: 'cloudflare-origin-error',
      failingSide: 'origin',
      detail: `Cloudflare answered with error ${errorCode}: it could not get a valid answer from the site's own server behind it.`,
    };
  }
  if (status >= 500 && hasDiagram && (source === 'origin' || (source === undefined && (status === 502 || status === 504)))) {
    return {
      ...base,
      kind: 'cloudflare-origin-error',
      failingSide: 'origin',
      detail: `Cloudflare's error page (${errorCode}) marks the site's own server ("Host") as the failing side; Cloudflare itself works.`,
    };
  }
  if (status >= 400) {
    const side = source ?? 'edge';
    return {
      ...base,
      kind: 'cloudflare-edge',
      failingSide: side,
      detail:
        side === 'browser'
          ? `Cloudflare refused the request itself (error ${errorCode}).`
          : `Cloudflare's own servers produced this error (${errorCode}), not the site's server.`,
    };
  }
  return { kind: 'origin', behindCloudflare: true, ...(rayId ? { rayId } : {}), detail: 'A regular answer, served through Cloudflare.' };
}

function isSquid(headers: Headers, body: string): boolean {
  return (
    header(headers, 'x-squid-error') !== undefined ||
    /^squid\b/i.test(header(headers, 'server') ?? '') ||
    /Generated [^<]* by [^<]*\(squid\/[^)]*\)/i.test(body)
  );
}

export function identifyResponder(status: number, headers: Headers, body: string): ResponseSignature {
  const server = header(headers, 'server') ?? '';
  const behindCloudflare = /^cloudflare\b/i.test(server) || header(headers, 'cf-ray') !== undefined;
  if (behindCloudflare || /\bcf-error-details\b/.test(body) || /<center>\s*cloudflare\s*<\/center>/i.test(body)) {
    return cloudflareSignature(status, headers, body);
  }
  if (isSquid(headers, body)) {
    const squidError = header(headers, 'x-squid-error') ?? /<body id=["']?(ERR_[A-Z_]+)/.exec(body)?.[1];
    return {
      kind: status >= 400 ? 'proxy' : 'origin',
      errorCode: status,
      behindCloudflare: false,
      ...(status >= 400 ? { failingSide: 'proxy' as const } : {}),
      detail:
        status >= 400
          ? `A Squid proxy produced this error itself${squidError ? ` (${squidError})` : ''}.`
          : 'A regular answer, relayed by a Squid proxy.',
    };
  }
  if (status >= 400 && /<center>\s*(nginx|openresty)(\/[^<]*)?\s*<\/center>/i.test(body)) {
    return {
      kind: 'nginx',
      errorCode: status,
      behindCloudflare: false,
      failingSide: 'origin',
      detail: `nginx's default ${status} page: the site's own front server answered, but what runs behind it did not.`,
    };
  }
  if (status >= 400 && header(headers, 'via') !== undefined) {
    return {
      kind: 'proxy',
      errorCode: status,
      behindCloudflare: false,
      failingSide: 'proxy',
      detail: `An error passed through a proxy or gateway (Via: ${header(headers, 'via')}); it may have produced it itself.`,
    };
  }
  if (status < 400) return { kind: 'origin', behindCloudflare: false, detail: 'A regular answer.' };
  return { kind: 'unknown', errorCode: status, behindCloudflare: false, detail: `An error page (${status}) this app does not recognise.` };
}

