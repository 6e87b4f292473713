// The `dns` check: resolves each target's name through the system resolver (what the browser uses) and through
// each reference resolver, tells the failure kinds apart, catches answers that differ from the reference and do
// not work (hijacked, stale, or sent to a parking, block or search page), and measures DNS latency (ChromeOS's
// thresholds: above 400 ms slightly, above 500 ms significantly high). An answer "works" only when the service's
// certificate validates for the name at that address (https), or HTTP answers there (http): a TCP accept proves
// nothing, since those pages accept connections too. Every probe runs concurrently with its own timeout, all
// bounded by the deadline.
import net from 'node:net';
import { DNS_PRESETS, presetOf } from '../../common/dns-schema.js';
import { parseResolverAddress, type Profile } from '../../common/spec.js';
import { flattenDnsServers, readDnsServers, type DnsServerEntry } from '../../system/dns-servers/index.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../check.js';
import type { DnsFacts } from '../../common/facts.js';
import { readHostsFile } from '../net/lookup.js';
import { probeTarget } from '../probe/target-probe.js';
import {
  queryDns,
  RESPONSE_KINDS,
  systemLookup,
  type DnsOutcomeKind,
  type DnsQueryResult,
  type SystemLookupResult,
} from '../net/system-lookup.js';

export const DNS_QUERY_TIMEOUT_MS = 3_000;
/** Time to prove one address works (TCP connect and TLS handshake, or an HTTP answer). */
export const CONNECT_TIMEOUT_MS = 2_000;
/** ChromeOS network diagnostics' DNS latency thresholds. */
export const LATENCY_SLIGHTLY_HIGH_MS = 400;
export const LATENCY_SIGNIFICANTLY_HIGH_MS = 500;
/** Addresses of one answer tried (any that proves itself means the answer works). */
const MAX_CONNECT_ADDRESSES = 3;

// ---------- What to resolve ----------

export interface NameToCheck {
  host: string;
  /** The port the browser would connect to (from the URL, else 443 / 80). */
  port: number;
  /** The first target's URL with this name: what an address must serve to prove it works. */
  url: string;
  targetIds: string[];
}

/** Pure: the distinct host names of the profile's targets (IP-literal targets need no DNS). */
export function namesToCheck(profile: Profile): NameToCheck[] {
  const names = new Map<string, NameToCheck>();
  for (const target of profile.targets) {
    const url = new URL(target.url);
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (net.isIP(host.replace(/^\[|\]$/g, '')) !== 0) continue;
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const existing = names.get(host);
    if (existing) existing.targetIds.push(target.id);
    else names.set(host, { host, port, url: target.url, targetIds: [target.id] });
  }
  return [...names.values()];
}

/** Pure: a profile's resolver address (`8.8.8.8`, `127.0.0.1:5300`, `[::1]:53`) as c-ares' setServers takes it. */
export function referenceEndpoint(value: string): string | null {
  const parsed = parseResolverAddress(value);
  if (!parsed) return null;
  return parsed.host.includes(':') ? `[${parsed.host}]:${parsed.port}` : `${parsed.host}:${parsed.port}`;
}

/** Pure: how a summary names a reference resolver (a well-known one by its preset's label). */
export function resolverLabel(value: string): string {
  const parsed = parseResolverAddress(value);
  const preset = parsed && parsed.port === 53 ? presetOf(parsed.host) : null;
  return preset ? `${DNS_PRESETS[preset].label} (${parsed!.host})` : `the reference DNS server ${value}`;
}

// ---------- Measurements ----------

export interface ReferenceResult extends DnsQueryResult {
  /** As written in the profile. */
  resolver: string;
}

export interface NameMeasurement extends NameToCheck {
  /** getaddrinfo, as the browser resolves. */
  system: SystemLookupResult;
  /** The system's DNS servers asked directly (tells the failure kinds apart, gives the latency). */
  systemDns: DnsQueryResult;
  references: ReferenceResult[];
  /** The hosts file's addresses for this name (it overrides DNS). */
  hostsFile: string[];
  /** Proofs that an answer works, only where it decides something (see AddressProof). */
  connect?: { system: AddressProof[]; reference: AddressProof[] };
}

/** Whether one address serves the service: its certificate validates for the name there (https), or HTTP answers
 * there (http). */
export interface AddressProof {
  address: string;
  ok: boolean;
  provenBy: 'tls' | 'http';
  /** Why not: a socket code (ECONNREFUSED, ETIMEDOUT…), the certificate's problem (wrong-host, unknown-issuer…). */
  code?: string;
  /** The certificate presented (when it was not the service's: whose it is). */
  certificateSubject?: string;
  durationMs: number;
}

export interface DnsMeasurements {
  names: NameMeasurement[];
  /** The servers the system's queries went to (c-ares' view of the OS configuration). */
  systemServers: string[];
}

// ---------- Assessment (pure) ----------

export type LatencyLevel = 'normal' | 'slightly-high' | 'significantly-high' | 'unknown';

export interface NameAssessment {
  host: string;
  /** What the browser got: getaddrinfo's result, its failure named precisely by the direct query. */
  systemKind: DnsOutcomeKind;
  systemAddresses: string[];
  /** The system's answer came from the hosts file, not from DNS. */
  fromHostsFile: boolean;
  referenceResponded: boolean;
  referenceAddresses: string[];
  /** The first reference resolver that gave addresses (else the first that responded). */
  reference?: ReferenceResult;
  /** null when there was nothing to compare. */
  agrees: boolean | null;
  /** null when not tested. */
  systemWorks: boolean | null;
  referenceWorks: boolean | null;
  problem: 'failed' | 'bad-answer' | null;
}

const NOT_MEASURED: ReadonlySet<DnsOutcomeKind> = new Set(['cancelled']);

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function works(results: AddressProof[] | undefined): boolean | null {
  if (!results || results.length === 0) return null;
  if (results.some((r) => r.ok)) return true;
  return results.every((r) => r.code === 'ECANCELLED') ? null : false;
}

/** Pure: the browser's view of a name: getaddrinfo, with its vague failures named by the direct DNS query. */
export function systemView(m: Pick<NameMeasurement, 'system' | 'systemDns' | 'hostsFile'>): { kind: DnsOutcomeKind; addresses: string[] } {
  if (m.system.kind === 'answer') return { kind: 'answer', addresses: m.system.addresses };
  // getaddrinfo could not run: the hosts file, then the system's DNS servers, as getaddrinfo would ask them.
  if (m.system.unavailable) {
    if (m.hostsFile.length > 0) return { kind: 'answer', addresses: m.hostsFile };
    return { kind: m.systemDns.kind, addresses: m.systemDns.addresses };
  }
  const precise = m.systemDns.kind;
  if (precise !== 'answer' && precise !== 'cancelled' && precise !== 'error') return { kind: precise, addresses: [] };
  return { kind: m.system.kind, addresses: [] };
}

export function assessName(m: NameMeasurement): NameAssessment {
  const system = systemView(m);
  const responded = m.references.filter((r) => RESPONSE_KINDS.has(r.kind));
  const referenceAddresses = [...new Set(m.references.flatMap((r) => r.addresses))];
  const reference = m.references.find((r) => r.addresses.length > 0) ?? responded[0];
  const comparable = system.kind === 'answer' && referenceAddresses.length > 0;
  const agrees = comparable ? system.addresses.some((a) => referenceAddresses.some((b) => sameAddress(a, b))) : null;
  const systemWorks = works(m.connect?.system);
  const referenceWorks = works(m.connect?.reference);
  let problem: NameAssessment['problem'] = null;
  if (system.kind !== 'answer' && !NOT_MEASURED.has(system.kind)) problem = 'failed';
  else if (agrees === false && systemWorks === false && referenceWorks === true) problem = 'bad-answer';
  const fromHostsFile =
    system.kind === 'answer' && m.hostsFile.length > 0 && system.addresses.every((a) => m.hostsFile.some((h) => sameAddress(a, h)));
  return {
    host: m.host,
    systemKind: system.kind,
    systemAddresses: system.addresses,
    fromHostsFile,
    referenceResponded: responded.length > 0,
    referenceAddresses,
    ...(reference ? { reference } : {}),
    agrees,
    systemWorks,
    referenceWorks,
    problem,
  };
}

/** Pure: ChromeOS's DNS latency levels, over the average time the system's DNS servers took to respond. */
export function latencyLevel(averageMs: number | null): LatencyLevel {
  if (averageMs === null) return 'unknown';
  if (averageMs > LATENCY_SIGNIFICANTLY_HIGH_MS) return 'significantly-high';
  if (averageMs > LATENCY_SLIGHTLY_HIGH_MS) return 'slightly-high';
  return 'normal';
}

function average(values: number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** Pure: the facts the verdict reads, as facts.ts defines them. */
export function dnsFacts(assessments: NameAssessment[], proofs: Map<string, 'tls' | 'http'> = new Map()): DnsFacts {
  const problems = assessments.filter((a) => a.problem !== null);
  const compared = assessments.filter((a) => a.agrees !== null);
  return {
    names: assessments.map((a) => ({
      host: a.host,
      system: a.systemKind,
      agrees: a.agrees,
      systemWorks: a.systemWorks,
      referenceWorks: a.referenceWorks,
      ...(proofs.has(a.host) && (a.systemWorks !== null || a.referenceWorks !== null) ? { provenBy: proofs.get(a.host)! } : {}),
    })),
    systemFailed: assessments.some((a) => a.problem === 'failed'),
    systemBadAnswers: assessments.some((a) => a.problem === 'bad-answer'),
    referenceAnswered: assessments.some((a) => a.referenceResponded),
    // Only meaningful for failing names; with none failing there is nothing it could vouch for.
    referenceWorks: problems.length > 0 && problems.every((a) => a.referenceWorks === true),
    agreesWithReference: compared.length > 0 && compared.every((a) => a.agrees === true),
  };
}

function failureText(kind: DnsOutcomeKind, host: string): string {
  switch (kind) {
    case 'nxdomain':
      return `says ${host} does not exist`;
    case 'servfail':
      return `failed to look up ${host} (server failure)`;
    case 'refused':
      return `refused to look up ${host}`;
    case 'nodata':
      return `has no address for ${host}`;
    case 'timeout':
      return `did not answer in time for ${host}`;
    case 'unreachable':
      return `could not be reached to look up ${host}`;
    default:
      return `could not look up ${host}`;
  }
}

function listHosts(hosts: string[]): string {
  if (hosts.length <= 1) return hosts[0] ?? '';
  return `${hosts.slice(0, -1).join(', ')} and ${hosts.at(-1)}`;
}

function failedSummary(subject: string, a: NameAssessment): string {
  const what = `${subject} ${failureText(a.systemKind, a.host)}`;
  const ref = a.reference ? resolverLabel(a.reference.resolver) : 'the reference DNS servers';
  if (a.referenceWorks === true) return `${what}, while ${ref} found it and its address works: changing DNS will likely fix this.`;
  if (a.referenceAddresses.length > 0) {
    return a.referenceWorks === false
      ? `${what}. ${capitalize(ref)} found it, but its address did not answer either, so changing DNS alone may not fix this.`
      : `${what}. ${capitalize(ref)} found it (there was no time left to test its address).`;
  }
  if (a.referenceResponded) {
    return `${what}, and ${ref} could not find it either: the name may be wrong or the service's own DNS may be down, so changing DNS will not help.`;
  }
  return `${what}, and the reference DNS servers did not answer either: this computer may be offline, or DNS traffic may be blocked.`;
}

function badAnswerSummary(subject: string, a: NameAssessment, proofs: AddressProof[]): string {
  const ref = a.reference ? resolverLabel(a.reference.resolver) : 'the reference DNS servers';
  const given = listHosts(a.systemAddresses.slice(0, 2));
  const expected = listHosts(a.referenceAddresses.slice(0, 2));
  // A parking, block or search page answers, but with a certificate that is not the service's.
  const impostor = proofs.some((p) => p.code === 'wrong-host' || p.code === 'unknown-issuer');
  const what = impostor ? 'which answers as another site (its certificate is not for this name)' : 'which does not answer';
  if (a.fromHostsFile) {
    return `This computer's hosts file sends ${a.host} to ${given}, ${what}, while ${ref} gives ${expected}, which works: remove the line for ${a.host} from the hosts file.`;
  }
  return `${subject} sends ${a.host} to ${given}, ${what}, while ${ref} gives ${expected}, which works: your DNS server's answer is wrong (hijacked, redirected or out of date), and changing DNS will likely fix this.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface DnsAssessment {
  status: CheckOutcome['status'];
  summary: string;
  facts?: DnsFacts;
  names: NameAssessment[];
  latency: { systemMs: number | null; level: LatencyLevel; referenceMs: Record<string, number | null> };
}

/** Pure: measurements → status, a summary for a non-expert, and the facts. */
export function assessDns(measurements: DnsMeasurements): DnsAssessment {
  const names = measurements.names.map(assessName);
  const systemMs = average(
    measurements.names.filter((m) => RESPONSE_KINDS.has(m.systemDns.kind)).map((m) => m.systemDns.durationMs),
  );
  const referenceMs: Record<string, number | null> = {};
  for (const resolver of new Set(measurements.names.flatMap((m) => m.references.map((r) => r.resolver)))) {
    referenceMs[resolver] = average(
      measurements.names.flatMap((m) => m.references.filter((r) => r.resolver === resolver && RESPONSE_KINDS.has(r.kind)).map((r) => r.durationMs)),
    );
  }
  const level = latencyLevel(systemMs);
  const latency = { systemMs, level, referenceMs };

  const measured = names.filter((a) => !NOT_MEASURED.has(a.systemKind));
  if (measured.length === 0) {
    return {
      status: 'error',
      summary: 'The DNS check ran out of time before any lookup finished, so DNS could not be tested.',
      names,
      latency,
    };
  }
  const facts = dnsFacts(names, new Map(measurements.names.map((m) => [m.host, m.url.startsWith('https:') ? 'tls' : 'http'])));
  // c-ares lists a server on port 53 as the bare address, any other as address:port.
  const servers = measurements.systemServers;
  const subject = servers.length > 0 ? `Your DNS server (${servers.join(', ')})` : 'Your DNS server';
  const problems = names.filter((a) => a.problem !== null);
  if (problems.length > 0) {
    // Name the most telling problem first: a failure whose fix is known (the reference works), then a bad answer.
    const first =
      problems.find((a) => a.problem === 'failed' && a.referenceWorks === true) ??
      problems.find((a) => a.problem === 'bad-answer') ??
      problems[0]!;
    const proofs = measurements.names.find((m) => m.host === first.host)?.connect?.system ?? [];
    let summary = first.problem === 'bad-answer' ? badAnswerSummary(subject, first, proofs) : failedSummary(subject, first);
    const others = problems.filter((a) => a !== first).map((a) => a.host);
    if (others.length > 0) summary += ` ${listHosts(others)} ${others.length === 1 ? 'is' : 'are'} affected too.`;
    return { status: 'fail', summary, facts, names, latency };
  }

  const found = listHosts(measured.map((a) => a.host));
  const bestReference = names.find((a) => a.reference && a.reference.addresses.length > 0)?.reference;
  const refLabel = bestReference ? resolverLabel(bestReference.resolver) : 'the reference DNS servers';
  if (level === 'slightly-high' || level === 'significantly-high') {
    const refMs = bestReference ? referenceMs[bestReference.resolver] : null;
    const degree = level === 'significantly-high' ? `significantly high (above ${LATENCY_SIGNIFICANTLY_HIGH_MS} ms)` : `slightly high (above ${LATENCY_SLIGHTLY_HIGH_MS} ms)`;
    return {
      status: 'warn',
      summary: `${subject} works but is slow: it took ${systemMs} ms on average to answer, which is ${degree}${refMs != null ? `; ${refLabel} took ${refMs} ms` : ''}. Pages may start slowly; a faster DNS server would help.`,
      facts,
      names,
      latency,
    };
  }

  const timing = systemMs !== null ? ` in ${systemMs} ms on average` : '';
  let comparison: string;
  if (!facts.referenceAnswered) {
    comparison = '. The reference DNS servers did not answer (a firewall may block them), so its answers could not be compared.';
  } else if (facts.agreesWithReference) {
    comparison = `, with the same addresses as ${refLabel}.`;
  } else if (names.some((a) => a.agrees === false && a.systemWorks === true)) {
    comparison = `; its addresses differ from ${refLabel}'s but work (normal for services behind a content delivery network).`;
  } else if (names.some((a) => a.agrees === false)) {
    comparison = `; its addresses differ from ${refLabel}'s, and neither could be shown to work, so the service itself may be unreachable.`;
  } else {
    comparison = `. ${capitalize(refLabel)} could not find the same names, so the answers could not be compared.`;
  }
  return { status: 'pass', summary: `${subject} found ${found}${timing}${comparison}`, facts, names, latency };
}

// ---------- The check ----------

function connectAddresses(addresses: string[]): string[] {
  const v4 = addresses.filter((a) => net.isIP(a) === 4);
  const v6 = addresses.filter((a) => net.isIP(a) === 6);
  return [...v4, ...v6].slice(0, MAX_CONNECT_ADDRESSES);
}

/** Whether `address` serves `url`: for https, a certificate that validates for the URL's name (then the request is
 * not needed); for http, an HTTP answer. */
export async function proveAddress(url: string, address: string, options: { timeoutMs: number; signal: AbortSignal; ca?: string[] }): Promise<AddressProof> {
  const https = url.startsWith('https:');
  const result = await probeTarget(url, { ...options, address, ...(https ? { upTo: 'tls' as const } : {}) });
  const provenBy = https ? 'tls' : 'http';
  const ok = https ? result.tls?.ok === true : result.failedLayer === null;
  const code = ok
    ? undefined
    : (result.tls?.problem ?? (result.failedLayer ? result[result.failedLayer]?.error : undefined) ?? 'ENOPROOF');
  return {
    address,
    ok,
    provenBy,
    ...(code ? { code } : {}),
    ...(!ok && result.tls?.subject ? { certificateSubject: result.tls.subject } : {}),
    durationMs: result.totalMs,
  };
}

/** Runs every probe for the profile and returns the raw measurements. */
export async function measureDns(
  context: CheckContext,
  names: NameToCheck[],
  onServers?: (entries: DnsServerEntry[]) => void,
): Promise<DnsMeasurements> {
  const budget = context.deadline - Date.now();
  // Leave part of the budget for the connects that prove an answer works.
  const queryTimeout = Math.max(1, Math.min(DNS_QUERY_TIMEOUT_MS, Math.floor(budget * 0.6)));
  const signal = context.signal;
  const references = context.profile.referenceResolvers
    .map((resolver) => ({ resolver, endpoint: referenceEndpoint(resolver) }))
    .filter((r): r is { resolver: string; endpoint: string } => r.endpoint !== null);
  const hosts = readHostsFile();

  const serversRead = onServers
    ? readDnsServers({ timeoutMs: queryTimeout, signal }).then(onServers, () => onServers([]))
    : Promise.resolve();
  const [system, perName] = await Promise.all([
    systemLookup(
      names.map((n) => n.host),
      { timeoutMs: queryTimeout, signal },
    ),
    Promise.all(
      names.map(async (name) => {
        const [systemDns, ...refs] = await Promise.all([
          queryDns(name.host, { timeoutMs: queryTimeout, signal }),
          ...references.map((r) => queryDns(name.host, { timeoutMs: queryTimeout, signal, servers: [r.endpoint] })),
        ]);
        return { systemDns: systemDns!, references: refs.map((result, i) => ({ ...result, resolver: references[i]!.resolver })) };
      }),
    ),
    serversRead,
  ]);

  const measurements: NameMeasurement[] = names.map((name, i) => ({
    ...name,
    system: system.get(name.host)!,
    systemDns: perName[i]!.systemDns,
    references: perName[i]!.references,
    hostsFile: hosts.get(name.host) ?? [],
  }));

  // Prove answers work only where it decides something: the system failed (does the reference's answer work?)
  // or the two disagree (whose answer works?).
  const connectTimeout = Math.min(CONNECT_TIMEOUT_MS, context.deadline - Date.now() - 20);
  if (connectTimeout > 0 && !signal.aborted) {
    await Promise.all(
      measurements.map(async (m) => {
        const assessment = assessName(m);
        const needReference = assessment.referenceAddresses.length > 0 && (assessment.systemKind !== 'answer' || assessment.agrees === false);
        const needSystem = assessment.agrees === false;
        if (!needReference && !needSystem) return;
        const probe = (addresses: string[]): Promise<AddressProof[]> =>
          Promise.all(connectAddresses(addresses).map((a) => proveAddress(m.url, a, { timeoutMs: connectTimeout, signal, ...(context.extraCa ? { ca: context.extraCa } : {}) })));
        const [systemConnects, referenceConnects] = await Promise.all([
          needSystem ? probe(assessment.systemAddresses) : Promise.resolve([]),
          needReference ? probe(assessment.referenceAddresses) : Promise.resolve([]),
        ]);
        m.connect = { system: systemConnects, reference: referenceConnects };
      }),
    );
  }
  return { names: measurements, systemServers: perName[0]?.systemDns.servers ?? [] };
}

function evidenceFor(measurements: DnsMeasurements, assessment: DnsAssessment, context: CheckContext, serversInEffect: DnsServerEntry[] | null) {
  return {
    systemServers: measurements.systemServers,
    ...(serversInEffect ? { serversInEffect } : {}),
    referenceResolvers: context.profile.referenceResolvers,
    latency: {
      systemAverageMs: assessment.latency.systemMs,
      level: assessment.latency.level,
      referenceAverageMs: assessment.latency.referenceMs,
      thresholdsMs: { slightlyHigh: LATENCY_SLIGHTLY_HIGH_MS, significantlyHigh: LATENCY_SIGNIFICANTLY_HIGH_MS },
    },
    names: measurements.names.map((m, i) => {
      const a = assessment.names[i]!;
      const record = (r: { kind: DnsOutcomeKind; code?: string }) => ({ kind: r.kind, ...(r.code ? { code: r.code } : {}) });
      return {
        host: m.host,
        port: m.port,
        targets: m.targetIds,
        result: a.systemKind,
        problem: a.problem,
        agreesWithReference: a.agrees,
        ...(a.fromHostsFile ? { fromHostsFile: true } : {}),
        systemResolver: { kind: m.system.kind, addresses: m.system.addresses, durationMs: m.system.durationMs, ...(m.system.code ? { code: m.system.code } : {}) },
        systemDns: {
          kind: m.systemDns.kind,
          addresses: m.systemDns.addresses,
          durationMs: m.systemDns.durationMs,
          a: record(m.systemDns.a),
          aaaa: record(m.systemDns.aaaa),
        },
        reference: m.references.map((r) => ({
          resolver: r.resolver,
          kind: r.kind,
          addresses: r.addresses,
          durationMs: r.durationMs,
          a: record(r.a),
          aaaa: record(r.aaaa),
        })),
        ...(m.connect ? { connect: m.connect } : {}),
      };
    }),
  };
}

async function runDns(context: CheckContext): Promise<CheckOutcome> {
  const names = namesToCheck(context.profile);
  if (names.length === 0) {
    return { status: 'skip', summary: "The profile's targets are IP addresses, so DNS plays no part.", evidence: {} };
  }
  if (context.deadline - Date.now() < 50 || context.signal.aborted) {
    return { status: 'error', summary: 'There was no time left to test DNS before the deadline.', evidence: { error: 'ETIMEDOUT' } };
  }
  let serversInEffect: DnsServerEntry[] | null = null;
  const measurements = await measureDns(context, names, (entries) => {
    serversInEffect = entries;
  });
  const assessment = assessDns(measurements);
  return {
    status: assessment.status,
    summary: assessment.summary,
    evidence: evidenceFor(measurements, assessment, context, serversInEffect),
    ...(assessment.facts ? { facts: { dns: assessment.facts } } : {}),
    ...(serversInEffect ? { environment: { dnsServers: flattenDnsServers(serversInEffect) } } : {}),
  };
}

export const dnsCheck: CheckDefinition = {
  id: 'dns',
  step: 'dns',
  title: 'DNS resolution',
  run: runDns,
};
