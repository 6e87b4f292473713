// Test helper for dns.test.ts, run inside a network namespace (e2e/lab/netns.ts) whose /etc/resolv.conf says
// `nameserver 127.0.0.2`: starts the "system" lab DNS server on 127.0.0.2:53, a reference one and the service
// (a TCP listener) on 127.0.0.1, runs the dns check once per scenario and prints every outcome as one JSON line.
// Usage: node --import tsx dns.netns-helper.ts
import { LAB_CA } from '../lab/certs/lab-certs.js';
import { startDnsServer, type DnsBehaviour, type LabDnsServer } from '../lab/dns-server.js';
import { startWebServer } from '../lab/https-server.js';
import { ProfileSchema } from '../../electron/common/spec.js';
import type { CheckOutcome } from '../../electron/engine/check.js';
import { dnsCheck } from '../../electron/engine/checks/dns.js';

export interface ScenarioResult {
  outcome: CheckOutcome;
  elapsedMs: number;
  budgetMs: number;
}

interface Scenario {
  name: string;
  system: Record<string, DnsBehaviour>;
  reference: Record<string, DnsBehaviour> | 'silent';
  hosts?: string[];
  systemDelayMs?: number;
  budgetMs?: number;
  /** Abort the check's signal after this long (the sweep's deadline arriving). */
  abortAfterMs?: number;
}

const WORKING = '127.0.0.1';
const PARKING = '127.0.0.77';
const ok = (ip = WORKING): DnsBehaviour => ({ kind: 'answer', ipv4: [ip] });

const SCENARIOS: Scenario[] = [
  { name: 'healthy', system: { 'chat.lab': ok(), 'auth.chat.lab': ok() }, reference: { 'chat.lab': ok(), 'auth.chat.lab': ok() }, hosts: ['chat.lab', 'auth.chat.lab', 'chat.lab'] },
  { name: 'nxdomain', system: { 'chat.lab': { kind: 'nxdomain' } }, reference: { 'chat.lab': ok() } },
  { name: 'servfail', system: { 'chat.lab': { kind: 'servfail' } }, reference: { 'chat.lab': ok() } },
  { name: 'refused', system: { 'chat.lab': { kind: 'refused' } }, reference: { 'chat.lab': ok() } },
  { name: 'nodata', system: { 'chat.lab': { kind: 'nodata' } }, reference: { 'chat.lab': ok() } },
  { name: 'system-silent', system: { 'chat.lab': { kind: 'silent' } }, reference: { 'chat.lab': ok() }, budgetMs: 2_500 },
  { name: 'hijacked', system: { 'chat.lab': ok('127.0.0.66') }, reference: { 'chat.lab': ok() } },
  // 127.0.0.77 serves a parking page on the service's port: it accepts TCP, then shows another site's certificate.
  { name: 'parking', system: { 'chat.lab': ok(PARKING) }, reference: { 'chat.lab': ok() } },
  // stale.chat.lab is in the namespace's hosts file as 127.0.0.66 (see dns.test.ts).
  { name: 'hosts-file', system: { 'stale.chat.lab': ok() }, reference: { 'stale.chat.lab': ok() }, hosts: ['stale.chat.lab'] },
  { name: 'cdn', system: { 'chat.lab': ok('127.0.0.1') }, reference: { 'chat.lab': ok('127.0.0.3') } },
  { name: 'reference-silent', system: { 'chat.lab': ok() }, reference: 'silent', budgetMs: 2_500 },
  { name: 'both-nxdomain', system: { 'chat.lab': { kind: 'nxdomain' } }, reference: { 'chat.lab': { kind: 'nxdomain' } } },
  { name: 'all-silent', system: { 'chat.lab': { kind: 'silent' } }, reference: 'silent', budgetMs: 2_000 },
  { name: 'slow', system: { 'chat.lab': ok() }, reference: { 'chat.lab': ok() }, systemDelayMs: 450 },
  { name: 'aborted', system: { 'chat.lab': { kind: 'silent' } }, reference: { 'chat.lab': ok() }, budgetMs: 5_000, abortAfterMs: 300 },
];

async function runScenario(scenario: Scenario, system: LabDnsServer, reference: LabDnsServer, port: number): Promise<ScenarioResult> {
  system.zone = scenario.system;
  system.delayMs = scenario.systemDelayMs ?? 0;
  reference.zone = scenario.reference === 'silent' ? {} : scenario.reference;
  reference.silent = scenario.reference === 'silent';
  const hosts = scenario.hosts ?? ['chat.lab'];
  const profile = ProfileSchema.parse({
    name: 'Lab',
    targets: hosts.map((host, i) => ({ id: `t${i}`, url: `https://${host}:${port}/` })),
    referenceResolvers: [reference.endpoint],
  });
  const budgetMs = scenario.budgetMs ?? 6_000;
  const controller = new AbortController();
  const started = Date.now();
  const abortTimer = setTimeout(() => controller.abort(), scenario.abortAfterMs ?? budgetMs);
  const outcome = await dnsCheck.run({ profile, signal: controller.signal, deadline: started + budgetMs, extraCa: [LAB_CA] });
  clearTimeout(abortTimer);
  return { outcome, elapsedMs: Date.now() - started, budgetMs };
}

async function main(): Promise<void> {
  const system = await startDnsServer({ address: '127.0.0.2', port: 53 });
  const reference = await startDnsServer({ address: '127.0.0.1' });
  // The service (its certificate is valid for the lab's names), and a parking page on the same port elsewhere.
  const service = await startWebServer({ tls: 'leaf', host: WORKING });
  const port = service.port;
  const parking = await startWebServer({ tls: 'wrong-host', host: PARKING, port, behaviour: { kind: 'status', status: 200, body: '<h1>This domain is parked</h1>' } });
  const only = process.argv[2];
  const results: Record<string, ScenarioResult> = {};
  for (const scenario of SCENARIOS) {
    if (only && scenario.name !== only) continue;
    results[scenario.name] = await runScenario(scenario, system, reference, port);
  }
  process.stdout.write(JSON.stringify({ port, referenceEndpoint: reference.endpoint, results }) + '\n');
  await Promise.all([service.close(), parking.close(), system.close(), reference.close()]);
}

await main();
