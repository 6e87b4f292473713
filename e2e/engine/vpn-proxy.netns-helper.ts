// Test helper for vpn-proxy.netns.test.ts, run inside a fresh network namespace (e2e/lab/netns.ts): builds a
// small world with real interfaces and routes — a LAN veth "eth0" (198.51.100.2/24, default via 198.51.100.1,
// a router that never answers) and a real tun device "tun0" (203.0.113.2/24, held open by a python3 process so it
// has carrier) — then runs the real vpn-proxy and connection checks (systeminformation, iproute2, TCP probes)
// in three routing states and prints each outcome as one JSON line. Nothing leaves the namespace.
// Usage: node --import tsx vpn-proxy.netns-helper.ts
import { execFileSync, spawn } from 'node:child_process';
import { startConnectivityServer } from '../lab/connectivity-server.js';
import { startWebServer } from '../lab/https-server.js';
import { ProfileSchema } from '../../electron/common/spec.js';
import type { CheckContext, CheckOutcome } from '../../electron/engine/check.js';
import { connectionCheck } from '../../electron/engine/checks/connection.js';
import { vpnProxyCheck } from '../../electron/engine/checks/vpn-proxy.js';

export interface NetnsScenario {
  name: string;
  vpnProxy: CheckOutcome;
  connection?: CheckOutcome;
  connectionMs?: number;
}

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: 'pipe' });
};

// systeminformation reads /sys/class/net: show it this namespace's interfaces (the mount stays in our namespace).
execFileSync('mount', ['-t', 'sysfs', 'sysfs', '/sys']);
for (const name of ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy', 'auto_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY']) {
  delete process.env[name];
}

// A tun device only has carrier while a process holds it open (TUNSETIFF with IFF_TUN | IFF_NO_PI).
ip('tuntap', 'add', 'dev', 'tun0', 'mode', 'tun');
const holder = spawn(
  'python3',
  [
    '-c',
    [
      'import fcntl, os, struct, sys, time',
      "fd = os.open('/dev/net/tun', os.O_RDWR)",
      "fcntl.ioctl(fd, 0x400454ca, struct.pack('16sH', b'tun0', 0x0001 | 0x1000))",
      "print('ready', flush=True)",
      'time.sleep(120)',
    ].join('\n'),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve, reject) => {
  holder.stdout.once('data', () => resolve());
  holder.once('exit', (code) => reject(new Error(`the tun holder exited (${code})`)));
});

try {
  ip('link', 'set', 'tun0', 'up');
  ip('addr', 'add', '203.0.113.2/24', 'dev', 'tun0');
  ip('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p');
  ip('link', 'set', 'eth0', 'up');
  ip('link', 'set', 'eth0p', 'up');
  ip('addr', 'add', '198.51.100.2/24', 'dev', 'eth0');
  ip('route', 'add', 'default', 'via', '198.51.100.1', 'dev', 'eth0');

  const portal = await startConnectivityServer('204');
  const site = await startWebServer({ behaviour: { kind: 'status', status: 200 } });
  const context = (targets: string[]): CheckContext => ({
    profile: ProfileSchema.parse({ name: 'Lab Chat', targets: targets.map((url, i) => ({ id: `t${i}`, url })), connectivityCheck: portal.url }),
    signal: new AbortController().signal,
    deadline: Date.now() + 8000,
  });
  const report = (scenario: NetnsScenario): void => {
    process.stdout.write(`${JSON.stringify(scenario)}\n`);
  };

  // 1. The VPN is up but routes nothing; the connection check runs in the same sweep (one adapter scan).
  {
    const ctx = context([site.url]);
    const started = Date.now();
    const [vpnProxy, connection] = await Promise.all([vpnProxyCheck.run(ctx), connectionCheck.run(ctx)]);
    report({ name: 'idle-tunnel', vpnProxy, connection, connectionMs: Date.now() - started });
  }
  // 2. Split tunnel: only the service's network goes through tun0.
  ip('route', 'add', '192.0.2.0/24', 'dev', 'tun0');
  report({ name: 'split-tunnel', vpnProxy: await vpnProxyCheck.run(context(['http://192.0.2.10/'])) });
  ip('route', 'del', '192.0.2.0/24', 'dev', 'tun0');
  // 3. OpenVPN's redirect-gateway def1: two /1 routes through the tunnel, the default route untouched.
  ip('route', 'add', '0.0.0.0/1', 'dev', 'tun0');
  ip('route', 'add', '128.0.0.0/1', 'dev', 'tun0');
  report({ name: 'def1', vpnProxy: await vpnProxyCheck.run(context(['http://192.0.2.10/'])) });

  await Promise.all([portal.close(), site.close()]);
} finally {
  holder.kill();
}
