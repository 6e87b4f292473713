// Test helper for url-profile.test.ts, run inside a network namespace (e2e/lab/netns.ts) whose resolv.conf says
// `nameserver 127.0.0.2`: a lab DNS server there (status.chat.lab → 127.0.0.20; status.slow.lab never answered;
// everything else NXDOMAIN) and an HTTPS Statuspage summary on 127.0.0.20:443 with the lab's certificate. Makes a
// profile from each typed address, for real (c-ares lookups, the engine's HTTP code), and prints the results as
// one JSON line.
import https from 'node:https';
import { labCert, LAB_CA } from '../lab/certs/lab-certs.js';
import { startDnsServer } from '../lab/dns-server.js';
import { statusBody } from '../lab/status-server.js';
import { profileFromUrl } from '../../electron/engine/services/url-profile.js';

const ADDRESSES = ['https://app.chat.lab/c/1', 'https://chat.lab:8443/', 'https://www.nostatus.lab/', 'https://app.slow.lab/'];

const dns = await startDnsServer({
  address: '127.0.0.2',
  port: 53,
  zone: { 'status.chat.lab': { kind: 'answer', ipv4: ['127.0.0.20'] }, 'status.slow.lab': { kind: 'silent' } },
  fallback: { kind: 'nxdomain' },
});
let statusRequests = 0;
const { cert, key } = labCert('leaf');
const server = https.createServer({ cert, key }, (request, response) => {
  statusRequests += 1;
  if (request.url !== '/api/v2/summary.json') {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statusBody('operational')));
});
await new Promise<void>((resolve) => server.listen(443, '127.0.0.20', resolve));

const results: Record<string, { statusPage: unknown; name: string; elapsedMs: number }> = {};
for (const address of ADDRESSES) {
  const started = performance.now();
  const profile = await profileFromUrl(address, { ca: [LAB_CA], timeoutMs: 1_500 });
  results[address] = { statusPage: profile.statusPage ?? null, name: profile.name, elapsedMs: Math.round(performance.now() - started) };
}
process.stdout.write(`${JSON.stringify({ results, statusRequests, dnsQueries: dns.queries.map((q) => q.name) })}\n`);
server.closeAllConnections();
server.close();
await dns.close();
process.exit(0);
