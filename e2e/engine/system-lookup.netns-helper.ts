// Test helper for system-lookup.test.ts, run inside a network namespace (e2e/lab/netns.ts) whose
// /etc/resolv.conf says `nameserver 127.0.0.2`: starts a lab DNS server there on port 53, resolves names
// through the system resolver (getaddrinfo in a child) and its DNS servers (c-ares), prints one JSON line.
// Usage: node --import tsx system-lookup.netns-helper.ts
import { startDnsServer } from '../lab/dns-server.js';
import { queryDns, systemLookup } from '../../electron/engine/net/system-lookup.js';

const server = await startDnsServer({
  address: '127.0.0.2',
  port: 53,
  zone: {
    'both.lab': { kind: 'answer', ipv4: ['127.0.0.1'], ipv6: ['::1'] },
    'nx.lab': { kind: 'nxdomain' },
    'fail.lab': { kind: 'servfail' },
    'empty.lab': { kind: 'nodata' },
    'quiet.lab': { kind: 'silent' },
  },
});

const timed = async <T>(run: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> => {
  const started = Date.now();
  const value = await run();
  return { value, elapsedMs: Date.now() - started };
};

// One child for all names: the silent one must not hold back the others.
const lookups = await timed(() =>
  systemLookup(['both.lab', 'nx.lab', 'fail.lab', 'empty.lab', 'quiet.lab', 'pinned.lab', '127.0.0.9'], { timeoutMs: 1_500 }),
);
const controller = new AbortController();
setTimeout(() => controller.abort(), 200);
const aborted = await timed(() => systemLookup(['quiet.lab'], { timeoutMs: 5_000, signal: controller.signal }));
const systemServers = await queryDns('empty.lab', { timeoutMs: 1_000 });

process.stdout.write(
  JSON.stringify({
    lookups: { elapsedMs: lookups.elapsedMs, results: Object.fromEntries(lookups.value) },
    aborted: { elapsedMs: aborted.elapsedMs, result: aborted.value.get('quiet.lab') },
    systemServers,
    queriesSeen: server.queries.map((q) => q.name),
  }) + '\n',
);
await server.close();
