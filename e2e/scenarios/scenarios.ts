// The scenario worlds of issue 3 and what the engine must conclude in each: one world per SPEC.md cause, worlds
// with two faults (the causes table's order decides), worlds the verdict rules were not tuned to (other error
// pages, other DNS failures), and worlds where nothing answers (the sweep's deadline).
import type { Cause, CheckStatus } from '../../electron/common/spec.js';
import { readCapture, replayable } from '../lab/http-capture.js';
import type { WorldRun } from './run-world.js';
import { targetAddress, type PageSpec, type TargetSpec, type WorldSpec } from './world-spec.js';

export interface Scenario {
  world: WorldSpec;
  cause: Cause;
  /** Causes that must be listed in `alsoFound` (the others that hold). */
  alsoFound?: Cause[];
  /** Causes that must not be listed (their condition does not hold in this world). */
  notAlsoFound?: Cause[];
  /** The checks that show the fault, with the status each must have (or the statuses it may have: a DNS check
   * may also warn about latency on a busy machine). */
  checks: Record<string, CheckStatus | CheckStatus[]>;
  /** Further facts of the world the report must show. */
  more?: (run: WorldRun) => void;
}

export const PAGE_OK: PageSpec = { kind: 'status', status: 200 };
/** The worlds' deadline: small, so the suite stays fast, but roomy enough for 2 busy cores. */
export const TIMEOUT_MS = 5_000;

const target = (id: string, host: string, page: PageSpec | null = PAGE_OK, extra: Partial<TargetSpec> = {}): TargetSpec => ({ id, host, page, ...extra });

/** A healthy world (two targets, like a service and its sign-in host), changed by `changes`. */
export function world(name: string, changes: Partial<WorldSpec> = {}): WorldSpec {
  return {
    name,
    timeoutMs: TIMEOUT_MS,
    targets: [target('app', 'chat.lab'), target('auth', 'auth.chat.lab')],
    systemDns: {},
    referenceDns: {},
    status: 'operational',
    connectivity: '204',
    ...changes,
  };
}

/** Both targets with the same page (and certificate). */
const bothTargets = (page: PageSpec | null, extra: Partial<TargetSpec> = {}): TargetSpec[] => [
  target('app', 'chat.lab', page, extra),
  target('auth', 'auth.chat.lab', page, extra),
];

/** DNS works: its check passes, or warns when a busy machine made the answers slow. */
const DNS_HEALTHY: CheckStatus[] = ['pass', 'warn'];
const CLOUDFLARE_502: PageSpec = { kind: 'cloudflare', status: 502 };
const NXDOMAIN_FOR_APP: WorldSpec['systemDns'] = { overrides: { 'chat.lab': { kind: 'nxdomain' } } };

const evidenceOf = (run: WorldRun, id: string): Record<string, unknown> => run.report.checks.find((c) => c.id === id)?.evidence ?? {};
const fail = (message: string): never => {
  throw new Error(message);
};
const expectThat = (condition: boolean, message: string): void => {
  if (!condition) fail(message);
};

/** The layer at which a target's probe failed, from the targets check's evidence. */
export function failedLayerOf(run: WorldRun, id: string): unknown {
  const targets = (evidenceOf(run, 'targets').targets ?? []) as { id: string; failedLayer: unknown }[];
  return targets.find((t) => t.id === id)?.failedLayer;
}

/** One world per cause of SPEC.md's table. */
export const CAUSE_WORLDS: Scenario[] = [
  {
    world: world('healthy'),
    cause: 'browser',
    checks: { targets: 'pass', dns: DNS_HEALTHY, 'status-page': 'pass', retry: 'pass', 'vpn-proxy': 'pass' },
    more: (run) => {
      expectThat(run.report.checks.every((c) => c.status !== 'fail'), 'a healthy world has no failing check');
      expectThat(run.requests.targets.app! >= 1 && run.requests.targets.auth! >= 1, 'both targets were asked');
    },
  },
  {
    world: world('captive portal (302 to a login page)', { connectivity: '302-login' }),
    cause: 'captive-portal',
    checks: { connection: 'fail' },
    more: (run) => expectThat(run.requests.connectivity >= 1, 'the connectivity check reached the lab portal'),
  },
  {
    world: world('VPN carries the default route', { vpn: 'default-route' }),
    cause: 'vpn',
    checks: { targets: 'fail', 'vpn-proxy': 'warn' },
    more: (run) => {
      const vpn = (evidenceOf(run, 'vpn-proxy').vpn ?? {}) as { defaultRoute?: { interface?: string; viaTunnel?: boolean } };
      expectThat(vpn.defaultRoute?.interface === 'tun0' && vpn.defaultRoute.viaTunnel === true, 'the default route is seen going through tun0');
      expectThat(run.requests.targets.app === 0, 'nothing reached the target through the dead tunnel');
    },
  },
  {
    world: world('offline (only loopback, every server out of reach)', {
      systemDns: { unreachable: true },
      referenceDns: { unreachable: true },
    }),
    cause: 'offline',
    checks: { targets: 'fail', connection: 'fail' },
  },
  {
    world: world('proxy asks for credentials (407), direct works', { proxy: 'auth' }),
    cause: 'proxy',
    checks: { 'vpn-proxy': 'fail', targets: 'fail' },
    more: (run) => expectThat(run.requests.proxy.some((r) => r.startsWith('CONNECT chat.lab:')), 'the targets were asked through the lab proxy'),
  },
  {
    world: world('TLS interception (certificate from an untrusted CA, DNS agrees)', { targets: bothTargets(PAGE_OK, { cert: 'untrusted' }) }),
    cause: 'tls-interception',
    checks: { targets: 'fail', dns: DNS_HEALTHY },
    more: (run) => expectThat(failedLayerOf(run, 'app') === 'tls', 'the probe stopped at TLS'),
  },
  {
    world: world('DNS: the system resolver says NXDOMAIN, the reference answers', { systemDns: NXDOMAIN_FOR_APP }),
    cause: 'dns',
    checks: { dns: 'fail', targets: 'fail' },
    more: (run) => expectThat(failedLayerOf(run, 'app') === 'dns', 'the probe stopped at DNS'),
  },
  {
    world: world('service outage (major outage on the status page, targets 502)', {
      status: 'major-outage',
      targets: bothTargets(CLOUDFLARE_502),
    }),
    cause: 'service-outage',
    // server-error's condition requires no incident on the status page.
    notAlsoFound: ['server-error'],
    checks: { 'status-page': 'fail', targets: 'fail' },
  },
  {
    world: world("server error (Cloudflare's 502 page, status operational)", { targets: bothTargets(CLOUDFLARE_502) }),
    cause: 'server-error',
    checks: { targets: 'fail', retry: 'fail', 'status-page': 'pass' },
    more: (run) => expectThat(run.requests.targets.app! >= 2, 'the retry check asked again'),
  },
  {
    world: world('unknown (the service answers 404 at its root, everything else healthy)', {
      targets: bothTargets({ kind: 'nginx', status: 404 }),
    }),
    cause: 'unknown',
    checks: { targets: 'warn', dns: DNS_HEALTHY },
  },
];

/** Two faults at once: the first cause of SPEC.md's table wins, the other is in alsoFound. */
export const TWO_FAULT_WORLDS: Scenario[] = [
  {
    world: world('captive portal + DNS failure', { connectivity: '302-login', systemDns: NXDOMAIN_FOR_APP }),
    cause: 'captive-portal',
    // A portal answers names with its own address: DNS answers behind it say nothing about the DNS server.
    notAlsoFound: ['dns'],
    checks: { connection: 'fail', dns: 'fail' },
  },
  {
    world: world('DNS failure + service outage', { systemDns: NXDOMAIN_FOR_APP, status: 'major-outage' }),
    cause: 'dns',
    alsoFound: ['service-outage'],
    checks: { dns: 'fail', 'status-page': 'fail' },
  },
  {
    world: world('TLS interception + service outage', { targets: bothTargets(PAGE_OK, { cert: 'untrusted' }), status: 'major-outage' }),
    cause: 'tls-interception',
    alsoFound: ['service-outage'],
    checks: { targets: 'fail', 'status-page': 'fail' },
  },
  {
    world: world('failing proxy + service outage', { proxy: 'error', status: 'major-outage' }),
    cause: 'proxy',
    alsoFound: ['service-outage'],
    checks: { 'vpn-proxy': 'fail', 'status-page': 'fail' },
  },
  {
    // The reference resolver's answer works (the service's loopback address); the system's resolver fails it.
    world: world('VPN + DNS failure', {
      vpn: 'default-route',
      systemDns: NXDOMAIN_FOR_APP,
      referenceDns: { overrides: { 'chat.lab': { kind: 'answer', ipv4: [targetAddress(0)] } } },
    }),
    cause: 'vpn',
    alsoFound: ['dns'],
    checks: { 'vpn-proxy': 'warn', dns: 'fail' },
  },
];

const VARNISH_503: PageSpec = {
  kind: 'status',
  status: 503,
  headers: { server: 'Varnish', via: '1.1 varnish (Varnish/7.4)', 'x-varnish': '32770', 'retry-after': '5' },
  body: `<!DOCTYPE html>
<html>
  <head>
    <title>503 Backend fetch failed</title>
  </head>
  <body>
    <h1>Error 503 Backend fetch failed</h1>
    <p>Backend fetch failed</p>
    <h3>Guru Meditation:</h3>
    <p>XID: 32770</p>
    <hr>
    <p>Varnish cache server</p>
  </body>
</html>
`,
};

const AWS_ELB_504: PageSpec = {
  kind: 'status',
  status: 504,
  headers: { server: 'awselb/2.0', 'content-type': 'text/html' },
  body: '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n',
};

const GUNICORN_500: PageSpec = {
  kind: 'status',
  status: 500,
  headers: { server: 'gunicorn', 'content-type': 'text/html' },
  body: '<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n',
};

/** Worlds the rules were not tuned to: the cause must still follow SPEC.md's conditions. */
export const UNTUNED_WORLDS: Scenario[] = [
  {
    world: world('server error: Varnish 503 "Backend fetch failed"', { targets: [target('app', 'chat.lab', VARNISH_503), target('auth', 'auth.chat.lab')] }),
    cause: 'server-error',
    checks: { targets: 'fail', retry: 'fail' },
  },
  {
    world: world('server error: AWS load balancer 504', { targets: bothTargets(AWS_ELB_504) }),
    cause: 'server-error',
    checks: { targets: 'fail' },
  },
  {
    world: world('server error: a bare gunicorn 500 on the sign-in host only', {
      targets: [target('app', 'chat.lab'), target('auth', 'auth.chat.lab', GUNICORN_500)],
    }),
    cause: 'server-error',
    checks: { targets: 'fail', retry: 'pass' },
  },
  {
    world: world("server error: Cloudflare's own bare 520 page", { targets: bothTargets({ kind: 'cloudflare-bare', status: 520 }) }),
    cause: 'server-error',
    checks: { targets: 'fail' },
  },
  {
    world: world('DNS: SERVFAIL instead of NXDOMAIN', { systemDns: { overrides: { 'chat.lab': { kind: 'servfail' } } } }),
    cause: 'dns',
    checks: { dns: 'fail' },
  },
  {
    world: world('DNS: the system resolver never answers for the service', { systemDns: { overrides: { 'chat.lab': { kind: 'silent' } } } }),
    cause: 'dns',
    checks: { dns: 'fail' },
  },
  {
    world: world('DNS: a hijacked answer (an address where nothing listens)', {
      systemDns: { overrides: { 'chat.lab': { kind: 'answer', ipv4: ['127.0.0.66'] } } },
    }),
    cause: 'dns',
    checks: { dns: 'fail' },
  },
  {
    world: world('DNS: a hijacked answer into an unroutable network', {
      systemDns: { overrides: { 'chat.lab': { kind: 'answer', ipv4: ['198.51.100.99'] } } },
    }),
    cause: 'dns',
    checks: { dns: 'fail' },
  },
  {
    world: world('TLS interception: a certificate for another host', { targets: bothTargets(PAGE_OK, { cert: 'wrong-host' }) }),
    cause: 'tls-interception',
    checks: { targets: 'fail' },
  },
  {
    world: world('captive portal: 511 Network Authentication Required', { connectivity: '511' }),
    cause: 'captive-portal',
    checks: { connection: 'fail' },
  },
  {
    world: world('captive portal: the check answered with a login page (200)', { connectivity: '200-page' }),
    cause: 'captive-portal',
    checks: { connection: 'fail' },
  },
  {
    world: world('open network that rewrites 204 to an empty 200', { connectivity: '200-empty' }),
    cause: 'browser',
    notAlsoFound: ['captive-portal'],
    checks: { targets: 'pass' },
  },
  {
    world: world('VPN routes only the service through the tunnel', { vpn: 'target-routes' }),
    cause: 'vpn',
    checks: { 'vpn-proxy': 'warn', targets: 'fail' },
  },
  {
    world: world('VPN: the two halves 0.0.0.0/1 + 128.0.0.0/1 instead of a default route', { vpn: 'split-default' }),
    cause: 'vpn',
    checks: { 'vpn-proxy': 'warn', targets: 'fail' },
  },
  {
    world: world('proxy configured but nothing listens there', { proxy: 'unreachable' }),
    cause: 'proxy',
    checks: { 'vpn-proxy': 'fail' },
  },
  {
    world: world('proxy denies the service (403)', { proxy: 'deny' }),
    cause: 'proxy',
    checks: { 'vpn-proxy': 'fail' },
  },
  {
    world: world('working proxy, healthy service', { proxy: 'works' }),
    cause: 'browser',
    notAlsoFound: ['proxy'],
    checks: { 'vpn-proxy': 'pass', targets: 'pass' },
    more: (run) => expectThat(run.requests.proxy.length > 0, 'the targets were reached through the proxy'),
  },
  {
    world: world('offline: a link whose router swallows every packet', {
      // Under the suite's short deadline the connection check's probes are cut by it: they stop a margin before the
      // sweep's own timer (check.ts remainingMs), so their facts still reach the verdict.
      network: 'dead-router',
      systemDns: { unreachable: true },
      referenceDns: { unreachable: true },
    }),
    cause: 'offline',
    checks: { targets: 'fail', connection: 'fail' },
  },
  {
    world: world('service outage: an incident that lists no components', { status: 'incident-no-components' }),
    cause: 'service-outage',
    checks: { 'status-page': 'fail' },
  },
  {
    world: world('a minor incident elsewhere on the status page, service healthy', { status: 'minor-unrelated' }),
    cause: 'browser',
    notAlsoFound: ['service-outage'],
    checks: { 'status-page': 'warn', targets: 'pass' },
  },
];

/** Worlds where nothing answers: the report must still be complete by the deadline. */
export const SILENT_WORLDS: WorldSpec[] = [
  world('every DNS server silent', {
    timeoutMs: 4_000,
    systemDns: { silent: true },
    referenceDns: { silent: true },
    status: 'hang',
    connectivity: 'hang',
    targets: bothTargets({ kind: 'hang' }),
  }),
  world('DNS answers, every other server accepts and never answers', {
    timeoutMs: 4_000,
    status: 'hang',
    connectivity: 'hang',
    targets: bothTargets({ kind: 'hang' }),
  }),
  world('every server silent behind a dead router', {
    timeoutMs: 4_000,
    network: 'dead-router',
    systemDns: { unreachable: true },
    referenceDns: { unreachable: true },
    status: 'hang',
    connectivity: 'hang',
  }),
];

/** A real third-party answer (electron/engine/probe/fixtures, sources in its README) replayed by a lab target. */
function capturedPage(name: string): PageSpec {
  const answer = replayable(readCapture(new URL(`../../electron/engine/probe/fixtures/${name}`, import.meta.url)));
  return { kind: 'status', status: answer.status, headers: answer.headers, body: answer.body };
}

const summaryOf = (run: WorldRun, id: string): string => run.report.checks.find((c) => c.id === id)?.summary ?? '';
const PARKING_PAGE: PageSpec = {
  kind: 'status',
  status: 200,
  body: '<!doctype html><title>chat.lab is for sale</title><h1>This domain may be for sale</h1>',
};

/** Issue 9: faults seen on real networks and services, each wrongly concluded before. */
export const REAL_WORLD_FAULT_WORLDS: Scenario[] = [
  {
    // The resolver sends the name to a parking page that accepts TCP: only the certificate tells it is not the service.
    world: world('DNS: the resolver sends the service to a parking page (TCP accepted, another site\'s certificate)', {
      systemDns: { overrides: { 'chat.lab': { kind: 'answer', ipv4: ['127.0.0.77'] } } },
      impostors: [{ address: '127.0.0.77', target: 0, cert: 'wrong-host', page: PARKING_PAGE }],
    }),
    cause: 'dns',
    notAlsoFound: ['tls-interception'],
    checks: { dns: 'fail', targets: 'fail' },
    more: (run) => {
      const name = run.report.facts?.dns?.names?.find((n) => n.host === 'chat.lab');
      expectThat(name?.systemWorks === false && name.provenBy === 'tls', `the parking address is proven not to work by TLS (${JSON.stringify(name)})`);
    },
  },
  {
    world: world('service outage: a maintenance in progress (Statuspage "maintenance"), the site answers 503', {
      status: 'maintenance',
      targets: bothTargets({ kind: 'status', status: 503 }),
    }),
    cause: 'service-outage',
    notAlsoFound: ['server-error'],
    checks: { 'status-page': 'fail', targets: 'fail' },
    more: (run) => expectThat(run.report.facts?.statusPage?.maintenance === true, 'the maintenance is a fact'),
  },
  {
    world: world("server error: the site's own JSON 500 relayed by Cloudflare (cf-ray), not Cloudflare's", {
      targets: [target('app', 'chat.lab', capturedPage('cloudflare-relayed-json-500.http')), target('auth', 'auth.chat.lab')],
    }),
    cause: 'server-error',
    checks: { targets: 'fail' },
    more: (run) => {
      expectThat(!summaryOf(run, 'targets').includes("Cloudflare's own servers"), 'Cloudflare is not blamed for the site\'s own error');
      const responder = run.report.facts?.targets?.[0]?.responder;
      expectThat(responder?.kind === 'relayed-origin' && responder.vendor === 'cloudflare', `relayed by Cloudflare (${JSON.stringify(responder)})`);
    },
  },
  {
    world: world("server error: Cloudflare error 1101, the site's own Worker failed", {
      targets: bothTargets(capturedPage('cloudflare-1101-worker.http')),
    }),
    cause: 'server-error',
    checks: { targets: 'fail' },
    more: (run) => {
      expectThat(!summaryOf(run, 'targets').includes("Cloudflare's own servers"), "a Worker's exception is the site's, not Cloudflare's");
      const responder = run.report.facts?.targets?.[0]?.responder;
      expectThat(responder?.failingSide === 'origin' && responder.errorCode === 1101, `the site's side failed (${JSON.stringify(responder)})`);
    },
  },
  {
    world: world("server error: the site's 500 relayed by CloudFront (a CDN's Via header, not a forward proxy)", {
      targets: bothTargets(capturedPage('cloudfront-relayed-json-500.http')),
    }),
    cause: 'server-error',
    notAlsoFound: ['proxy'],
    checks: { targets: 'fail', 'vpn-proxy': 'pass' },
    more: (run) => {
      expectThat(!/proxy/i.test(summaryOf(run, 'targets')), `no proxy is blamed: ${summaryOf(run, 'targets')}`);
      expectThat(run.report.facts?.targets?.[0]?.responder?.vendor === 'cloudfront', 'CloudFront relayed it');
    },
  },
  {
    world: world('proxy takes the connection and never answers, direct works', { proxy: 'hang' }),
    cause: 'proxy',
    checks: { 'vpn-proxy': 'fail' },
    more: (run) => expectThat(run.report.facts?.proxy?.hung === true, 'the proxy is reported hung'),
  },
  {
    world: world('proxy opens the tunnel and passes nothing back, direct works', { proxy: 'tunnel-hang' }),
    cause: 'proxy',
    checks: { 'vpn-proxy': 'fail' },
    more: (run) => {
      expectThat(run.report.facts?.proxy?.failure === 'PROXY_TUNNEL_SILENT', `failure ${run.report.facts?.proxy?.failure}`);
      expectThat(!summaryOf(run, 'vpn-proxy').includes('forwards requests'), 'the proxy is not said to work');
    },
  },
  {
    // Public DNS and the connectivity check are blocked, yet the service completes TCP and TLS: not offline.
    world: world("not offline: the connectivity check and public DNS are blocked, the service answers with an unknown issuer's certificate", {
      connectivity: 'hang',
      referenceDns: { silent: true },
      targets: bothTargets(PAGE_OK, { cert: 'untrusted' }),
    }),
    cause: 'tls-interception',
    notAlsoFound: ['offline'],
    checks: { targets: 'fail' },
    more: (run) => expectThat(run.report.verdict.confidence === 'medium', `medium confidence without a reference (${run.report.verdict.confidence})`),
  },
  {
    // A silent status page costs its own cap, not the whole deadline.
    world: world('status page never answers, site 502: the verdict does not wait for the deadline', {
      timeoutMs: 10_000,
      status: 'hang',
      targets: bothTargets(CLOUDFLARE_502),
    }),
    cause: 'server-error',
    checks: { 'status-page': 'error', targets: 'fail' },
    more: (run) => expectThat(run.report.durationMs < 7_500, `the verdict came after ${run.report.durationMs} ms of a 10 s deadline`),
  },
];

