// Who produced an HTTP answer: a CDN's or load balancer's own error page (Cloudflare, CloudFront, Akamai, AWS
// ELB/ALB, Google's front end, Fastly), the site's own answer relayed through one, the site's own reverse proxy
// (nginx, Varnish, Envoy), or a forward proxy (Squid). The page decides first and the headers second: a CDN's
// headers are on every answer it relays, its own error pages are not. Pure (status, headers, body in; a verdict on
// the answer out), so it is tested on real page formats (fixtures/README.md).
import type { ResponseSignature } from './types.js';

/** Cloudflare's 52x codes: the edge reached (or tried) the site's own server, and that server failed. */
const CLOUDFLARE_ORIGIN_CODES = new Set([520, 521, 522, 523, 524, 525, 526, 527]);
/** Cloudflare errors raised by the site's own code running at the edge (Workers): the site's fault, not Cloudflare's. */
const CLOUDFLARE_SITE_CODE_ERRORS = new Set([1101, 1102]);

type Headers = Record<string, string | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}

/** The CDNs and load balancers an answer passed through, from its headers (present on relayed answers too). */
export function edgesInHeaders(headers: Headers): string[] {
  const server = (header(headers, 'server') ?? '').toLowerCase();
  const via = (header(headers, 'via') ?? '').toLowerCase();
  const xCache = (header(headers, 'x-cache') ?? '').toLowerCase();
  const servedBy = (header(headers, 'x-served-by') ?? '').toLowerCase();
  const edges: string[] = [];
  if (server.startsWith('cloudflare') || header(headers, 'cf-ray') !== undefined) edges.push('cloudflare');
  if (server === 'cloudfront' || /\(cloudfront\)/.test(via) || /cloudfront/.test(xCache) || header(headers, 'x-amz-cf-id') !== undefined) edges.push('cloudfront');
  if (/^cache-[a-z0-9-]+/.test(servedBy) || header(headers, 'x-fastly-request-id') !== undefined) edges.push('fastly');
  else if (/\bvarnish\b/.test(via) || header(headers, 'x-varnish') !== undefined || server.startsWith('varnish')) edges.push('varnish');
  if (server.startsWith('akamaighost') || /akamai/.test(xCache) || header(headers, 'x-akamai-request-id') !== undefined) edges.push('akamai');
  if (server.startsWith('awselb')) edges.push('aws-elb');
  if (/\b1\.1 google\b/.test(via) || server === 'gfe/2.0' || server === 'google frontend') edges.push('google');
  if (/\bvegur\b/.test(via)) edges.push('heroku');
  return edges;
}

const EDGE_NAMES: Record<string, string> = {
  cloudflare: 'Cloudflare',
  cloudfront: 'Amazon CloudFront',
  fastly: 'Fastly',
  varnish: 'a Varnish cache',
  akamai: 'Akamai',
  'aws-elb': "an AWS load balancer",
  google: "Google's front end",
  heroku: "Heroku's router",
};

// ---------- Cloudflare ----------

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

/** Cloudflare's own pages: the 5xx diagram page, the 1xxx page (cf-error-details), the bare `<center>cloudflare`. */
function isCloudflarePage(body: string): boolean {
  return /\bcf-error-details\b|\bid=["']cf-wrapper["']/i.test(body) || /<center>\s*cloudflare\s*<\/center>/i.test(body);
}

function cloudflareRayId(headers: Headers, body: string): string | undefined {
  return header(headers, 'cf-ray') ?? /Ray ID:\s*(?:<[^>]+>\s*)*([0-9a-f]{8,})/i.exec(body)?.[1] ?? undefined;
}

function cloudflarePage(status: number, headers: Headers, body: string): ResponseSignature {
  // 5xx pages say "Error code 522"; the 1xxx pages put the code in a cf-error-code span.
  const pageCode =
    /Error code\s*(\d{3,4})/i.exec(body)?.[1] ?? /class=["']cf-error-code["'][^>]*>\s*(\d{3,4})/i.exec(body)?.[1];
  const errorCode = pageCode ? Number(pageCode) : status;
  const rayId = cloudflareRayId(headers, body);
  const base = { vendor: 'cloudflare', errorCode, behindCloudflare: true, ...(rayId ? { rayId } : {}) };
  const hasDiagram = /\bcf-error-details\b|\bid=["']cf-wrapper["']/i.test(body);
  const source = hasDiagram ? cloudflareErrorSource(body) : undefined;

  if (CLOUDFLARE_SITE_CODE_ERRORS.has(errorCode)) {
    return {
      ...base,
      kind: 'edge-origin-error',
      failingSide: 'origin',
      detail: `Cloudflare ran the site's own code (a Worker) and that code failed (error ${errorCode}): the site's problem, not Cloudflare's.`,
    };
  }
  if (CLOUDFLARE_ORIGIN_CODES.has(errorCode) || CLOUDFLARE_ORIGIN_CODES.has(status)) {
    return {
      ...base,
      kind: 'edge-origin-error',
      failingSide: 'origin',
      detail: `Cloudflare answered with error ${errorCode}: it could not get a valid answer from the site's own server behind it.`,
    };
  }
  if (status >= 500 && hasDiagram && (source === 'origin' || (source === undefined && (status === 502 || status === 504)))) {
    return {
      ...base,
      kind: 'edge-origin-error',
      failingSide: 'origin',
      detail: `Cloudflare's error page (${errorCode}) marks the site's own server ("Host") as the failing side; Cloudflare itself works.`,
    };
  }
  const side = source ?? 'edge';
  return {
    ...base,
    kind: 'edge',
    failingSide: side,
    detail:
      side === 'browser'
        ? `Cloudflare refused the request itself (error ${errorCode}).`
        : `Cloudflare's own servers produced this error (${errorCode}), not the site's server.`,
  };
}

// ---------- other CDNs and load balancers ----------

function textOf(body: string): string {
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')
    .trim();
}

/** CloudFront's own "The request could not be satisfied" page. */
function cloudfrontPage(status: number, body: string): ResponseSignature | null {
  if (!/Generated by cloudfront \(CloudFront\)/i.test(body) && !/The request could not be satisfied/i.test(body)) return null;
  const text = textOf(body);
  const requestId = /Request ID:\s*([A-Za-z0-9_=-]+)/.exec(text)?.[1];
  const base = { vendor: 'cloudfront', errorCode: status, behindCloudflare: false, ...(requestId ? { requestId } : {}) };
  // The origin (502, 504), or the site's own Lambda@Edge function, failed; anything else is CloudFront refusing.
  if (/\borigin\b|Lambda function/i.test(text) || status === 502 || status === 504) {
    return {
      ...base,
      kind: 'edge-origin-error',
      failingSide: 'origin',
      detail: `Amazon CloudFront's error page (${status}): it could not get a valid answer from the site's own server behind it.`,
    };
  }
  return { ...base, kind: 'edge', failingSide: 'edge', detail: `Amazon CloudFront refused or failed the request itself (${status}).` };
}

/** Akamai's own pages ("Access Denied" / "An error occurred while processing your request", with a Reference #). */
function akamaiPage(status: number, headers: Headers, body: string): ResponseSignature | null {
  const reference = /Reference&#32;&#35;([0-9a-f&#;.]+)/i.exec(body)?.[1] ?? /Reference #([0-9a-f.]+)/i.exec(body)?.[1];
  if (!reference && !/errors\.edgesuite\.net/i.test(body)) return null;
  if (!reference && !/^akamaighost/i.test(header(headers, 'server') ?? '')) return null;
  const ref = reference?.replace(/&#46;/g, '.');
  return {
    kind: 'edge',
    vendor: 'akamai',
    errorCode: status,
    behindCloudflare: false,
    failingSide: status < 500 ? 'browser' : 'edge',
    ...(ref ? { requestId: ref } : {}),
    detail:
      status < 500
        ? `Akamai's servers refused the request themselves (${status}${ref ? `, reference ${ref}` : ''}).`
        : `Akamai's servers answered with their own error page (${status}${ref ? `, reference ${ref}` : ''}).`,
  };
}

/** An AWS Application/Classic Load Balancer's own answer (server: awselb): 502/503/504 blame its targets. */
function awsElbPage(status: number, headers: Headers): ResponseSignature | null {
  if (!/^awselb\b/i.test(header(headers, 'server') ?? '') || status < 400) return null;
  if (status >= 500) {
    return {
      kind: 'edge-origin-error',
      vendor: 'aws-elb',
      errorCode: status,
      behindCloudflare: false,
      failingSide: 'origin',
      detail: `An AWS load balancer answered ${status} itself: the site's servers behind it did not answer it properly.`,
    };
  }
  return { kind: 'edge', vendor: 'aws-elb', errorCode: status, behindCloudflare: false, failingSide: 'edge', detail: `An AWS load balancer refused the request itself (${status}).` };
}

/** Google's front end: the "That’s an error." robot page, or the load balancer's "502 Server Error" page. */
function googlePage(status: number, body: string): ResponseSignature | null {
  const robot = /That’s an error\.|That&#39;s an error\.|That's an error\./.test(body) && /Error \d{3} \([^)]*\)!!1/.test(body);
  const balancer = /<title>\d{3} Server Error<\/title>/i.test(body) && /The server encountered a temporary error and could not complete your request/i.test(body);
  if (!robot && !balancer) return null;
  return {
    kind: 'edge-origin-error',
    vendor: 'google',
    errorCode: status,
    behindCloudflare: false,
    failingSide: 'origin',
    detail: `Google's front end answered ${status}: the service's servers behind it had a temporary error.`,
  };
}

// ---------- the site's own reverse proxies ----------

/** Envoy's local replies: the site's own gateway or mesh could not reach what runs behind it. */
function envoyReply(status: number, headers: Headers, body: string): ResponseSignature | null {
  const match = /^\s*(upstream connect error or disconnect\/reset before headers[^\n]*|no healthy upstream|upstream request timeout)/i.exec(body);
  if (!match || status < 500) return null;
  if (!/^envoy\b/i.test(header(headers, 'server') ?? '') && body.length > 400) return null;
  return {
    kind: 'origin-proxy',
    vendor: 'envoy',
    errorCode: status,
    behindCloudflare: false,
    failingSide: 'origin',
    detail: `The site's own Envoy gateway answered (“${match[1]!.trim().slice(0, 120)}”): what runs behind it did not answer.`,
  };
}

/** Varnish's synthetic error page (builtin.vcl), also served by Fastly, whose caches are Varnish. */
function varnishPage(status: number, headers: Headers, body: string): ResponseSignature | null {
  if (!/Guru Meditation/i.test(body) || !/Varnish cache server/i.test(body)) return null;
  const xid = /XID:\s*(\d+)/.exec(body)?.[1];
  const fastly = edgesInHeaders(headers).includes('fastly');
  const base = { errorCode: status, behindCloudflare: false, failingSide: 'origin' as const, ...(xid ? { requestId: xid } : {}) };
  return fastly
    ? { ...base, kind: 'edge-origin-error', vendor: 'fastly', detail: `Fastly's cache answered ${status}: it could not fetch the page from the site's own server behind it.` }
    : { ...base, kind: 'origin-proxy', vendor: 'varnish', detail: `The site's Varnish cache answered ${status}: it could not fetch the page from the server behind it.` };
}

function isSquid(headers: Headers, body: string): boolean {
  return (
    header(headers, 'x-squid-error') !== undefined ||
    /^squid\b/i.test(header(headers, 'server') ?? '') ||
    /Generated [^<]* by [^<]*\(squid\/[^)]*\)/i.test(body)
  );
}

export function identifyResponder(status: number, headers: Headers, body: string): ResponseSignature {
  const edges = edgesInHeaders(headers);
  const behindCloudflare = edges.includes('cloudflare');
  const withEdges = <T extends ResponseSignature>(signature: T): T => (edges.length > 0 ? { ...signature, edges } : signature);

  // 1. Pages that say who made them.
  if (status >= 400 && isCloudflarePage(body)) return withEdges(cloudflarePage(status, headers, body));
  if (status >= 400) {
    const page =
      cloudfrontPage(status, body) ??
      akamaiPage(status, headers, body) ??
      googlePage(status, body) ??
      varnishPage(status, headers, body) ??
      envoyReply(status, headers, body) ??
      awsElbPage(status, headers);
    if (page) return withEdges({ ...page, behindCloudflare });
  }
  if (isSquid(headers, body)) {
    const squidError = header(headers, 'x-squid-error') ?? /<body id=["']?(ERR_[A-Z_]+)/.exec(body)?.[1];
    return {
      kind: status >= 400 ? 'proxy' : 'origin',
      vendor: 'squid',
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
    return withEdges({
      kind: 'origin-proxy',
      vendor: 'nginx',
      errorCode: status,
      behindCloudflare,
      failingSide: 'origin',
      detail: `nginx's default ${status} page: the site's own front server answered, but what runs behind it did not.`,
    });
  }
  // Cloudflare's 52x codes exist nowhere else: even without its page, Cloudflare raised them.
  if (behindCloudflare && CLOUDFLARE_ORIGIN_CODES.has(status)) return withEdges(cloudflarePage(status, headers, body));

  // 2. No page of its own: a CDN in the headers only relayed the site's own answer.
  if (status < 400) {
    const rayId = behindCloudflare ? cloudflareRayId(headers, body) : undefined;
    const through = edges[0] ? `, served through ${EDGE_NAMES[edges[0]] ?? edges[0]}` : '';
    return withEdges({ kind: 'origin', behindCloudflare, ...(edges[0] ? { vendor: edges[0] } : {}), ...(rayId ? { rayId } : {}), detail: `A regular answer${through}.` });
  }
  if (edges.length > 0) {
    const edge = edges[0]!;
    const rayId = behindCloudflare ? cloudflareRayId(headers, body) : undefined;
    return withEdges({
      kind: 'relayed-origin',
      vendor: edge,
      errorCode: status,
      behindCloudflare,
      failingSide: 'origin',
      ...(rayId ? { rayId } : {}),
      detail: `The site's own server sent this error (${status}); ${EDGE_NAMES[edge] ?? edge} only passed it on.`,
    });
  }
  if (header(headers, 'via') !== undefined) {
    return {
      kind: 'proxy',
      errorCode: status,
      behindCloudflare: false,
      failingSide: 'proxy',
      detail: `An error passed through a proxy or gateway (Via: ${header(headers, 'via')}); it may have produced it itself.`,
    };
  }
  return { kind: 'unknown', errorCode: status, behindCloudflare: false, detail: `An error page (${status}) this app does not recognise.` };
}
