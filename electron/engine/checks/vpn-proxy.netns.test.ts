// The vpn-proxy and connection checks with their real adapters (systeminformation, iproute2, TCP probes) in a
// network namespace with a real tun device and routes: see e2e/engine/vpn-proxy.netns-helper.ts.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { netnsUnavailableReason, runInNetns } from '../../../e2e/lab/netns.js';
import type { NetnsScenario } from '../../../e2e/engine/vpn-proxy.netns-helper.js';

function unavailable(): string | null {
  const netns = netnsUnavailableReason();
  if (netns) return netns;
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'python3 is needed to hold the tun device open';
  }
  return null;
}

const reason = unavailable();
if (reason) console.warn(`vpn-proxy.netns.test.ts: skipped: ${reason}`);

describe.skipIf(reason)('in a network namespace with a real tunnel', () => {
  it('tells an idle tunnel from one that carries the traffic, and reads the real connection', async () => {
    const helper = fileURLToPath(new URL('../../../e2e/engine/vpn-proxy.netns-helper.ts', import.meta.url));
    const run = await runInNetns([process.execPath, '--import', 'tsx', helper], { resolvConf: 'nameserver 127.0.0.2\n', timeoutMs: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const scenarios = Object.fromEntries(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as NetnsScenario)
        .map((s) => [s.name, s]),
    );

    const idle = scenarios['idle-tunnel']!;
    expect(idle.vpnProxy.facts?.vpn).toEqual({ tunnelInterfaces: ['tun0'], carriesTraffic: false });
    expect(idle.vpnProxy.facts?.proxy).toEqual({ inEffect: false, failsThroughProxy: false, worksDirect: false });
    expect(idle.vpnProxy.status).toBe('pass');
    expect(idle.vpnProxy.evidence.vpn).toMatchObject({
      defaultRoute: { gateway: '198.51.100.1', interface: 'eth0', viaTunnel: false },
      routeToTarget: { address: '127.0.0.1', interface: 'lo', viaTunnel: false },
    });

    // The real connection check: eth0 by cable, a router that never answers, an open internet on loopback.
    const connection = idle.connection!;
    expect(connection.facts?.connectivity).toMatchObject({ answered: true, portal: false, httpStatus: 204, latency: 'ok' });
    expect(connection.evidence).toMatchObject({
      defaultInterface: { name: 'eth0', kind: 'wired' },
      defaultRoute: { gateway: '198.51.100.1', interface: 'eth0' },
      gateway: { address: '198.51.100.1', answering: false },
    });
    expect(connection.evidence.adapters).toContainEqual(expect.objectContaining({ name: 'tun0', kind: 'tunnel', up: true }));
    expect(connection.status).toBe('pass');
    expect(connection.summary).toMatch(/^You're connected by cable \(Ethernet, eth0\) and the internet answers normally/);
    expect(idle.connectionMs).toBeLessThan(5000);

    const split = scenarios['split-tunnel']!;
    expect(split.vpnProxy.facts?.vpn).toEqual({ tunnelInterfaces: ['tun0'], carriesTraffic: true });
    expect(split.vpnProxy.status).toBe('warn');
    expect(split.vpnProxy.summary).toMatch(/^Your traffic to Lab Chat goes through a VPN connection \(tun0\)/);

    const def1 = scenarios.def1!;
    expect(def1.vpnProxy.facts?.vpn?.carriesTraffic).toBe(true);
    expect(def1.vpnProxy.evidence.vpn).toMatchObject({
      defaultRoute: { interface: 'eth0', viaTunnel: false },
      routeToTarget: { address: '192.0.2.10', interface: 'tun0', viaTunnel: true },
    });
  }, 60_000);
});
