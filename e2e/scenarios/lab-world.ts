// A scenario world's lab, built INSIDE a fresh network + mount namespace (e2e/lab/netns.ts): shapes the
// namespace's network (a VPN tunnel, a dead router), starts the world's lab servers on loopback, writes the profile
// and the environment a diagnoser runs with. Shared by world.ts (the scenario suite) and the bench.
import { spawn, execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConnectivityServer, type ConnectivityServer } from '../lab/connectivity-server.js';
import { startDnsServer, type DnsBehaviour, type LabDnsServer } from '../lab/dns-server.js';
import { startWebServer, type LabWebServer } from '../lab/https-server.js';
import { startProxyServer, type LabProxyServer } from '../lab/proxy-server.js';
import { startStatusServer, type StatusServer } from '../lab/status-server.js';
import {
  LAB_ADDRESSES,
  LAB_NAMES,
  TEST_NET,
  targetAddress,
  type DnsSpec,
  type WorldResult,
  type WorldSpec,
} from './world-spec.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The CLI bundle under test (GD_SCENARIO_CLI runs the worlds against another build of it). */
export const CLI = process.env.GD_SCENARIO_CLI || path.join(ROOT, 'dist/cli/cli.cjs');
const LAB_CA_FILE = path.join(ROOT, 'e2e/lab/certs/ca.pem');
/** Port of a target nothing listens on. */
const UNSERVED_PORT = 443;
/** The CLI is killed if it outlives its own deadline by this much (the test then fails on elapsedMs). */
const RUNAWAY_MS = 15_000;

/** Refuse to touch routes or bind port 53 unless this is a fresh network namespace (nothing but `lo` in it). */
export function assertFreshNetworkNamespace(): void {
  const links = JSON.parse(execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' })) as { ifname: string }[];
  const names = links.map((l) => l.ifname);
  if (names.length !== 1 || names[0] !== 'lo') {
    throw new Error(`world.ts must run in a fresh network namespace (e2e/lab/netns.ts), not beside ${names.join(', ')}`);
  }
}

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

export function shapeNetwork(spec: WorldSpec): void {
  if (spec.network === 'dead-router') {
    // A cable to a dead router: a veth pair whose far end (in this namespace too) has no address, so nobody
    // answers ARP for the router and every packet beyond loopback goes nowhere.
    ip('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'veth-gw');
    ip('link', 'set', 'veth-gw', 'up');
    ip('link', 'set', 'eth0', 'up');
    ip('addr', 'add', `${TEST_NET.local}/24`, 'dev', 'eth0');
    ip('route', 'add', 'default', 'via', TEST_NET.router, 'dev', 'eth0');
  }
  if (spec.network === 'lan') {
    // A veth pair (this kernel has no dummy links): an address on a link that leads nowhere, and no route beyond.
    ip('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'veth-lan');
    ip('link', 'set', 'veth-lan', 'up');
    ip('link', 'set', 'eth0', 'up');
    ip('addr', 'add', `${TEST_NET.lan}/24`, 'dev', 'eth0');
  }
  if (spec.vpn) {
    // A tun device nobody reads: like a VPN client whose server is gone, it swallows what is routed into it.
    ip('tuntap', 'add', 'dev', 'tun0', 'mode', 'tun');
    ip('link', 'set', 'tun0', 'up');
    ip('addr', 'add', `${TEST_NET.local}/32`, 'dev', 'tun0');
    if (spec.vpn === 'default-route') ip('route', 'add', 'default', 'dev', 'tun0');
    // OpenVPN's def1 (and many clients): two halves that beat any default route without replacing it.
    else if (spec.vpn === 'split-default') for (const half of ['0.0.0.0/1', '128.0.0.0/1']) ip('route', 'add', half, 'dev', 'tun0');
    else spec.targets.forEach((_t, i) => ip('route', 'add', `${TEST_NET.vpnTarget(i)}/32`, 'dev', 'tun0'));
  }
}

/** The true answers of the lab's names: targets where their servers are (beyond the tunnel in a VPN world). */
function trueZone(spec: WorldSpec): Record<string, DnsBehaviour> {
  const zone: Record<string, DnsBehaviour> = {
    [LAB_NAMES.status]: { kind: 'answer', ipv4: [LAB_ADDRESSES.status] },
    [LAB_NAMES.connectivity]: { kind: 'answer', ipv4: [LAB_ADDRESSES.connectivity] },
  };
  spec.targets.forEach((t, i) => {
    zone[t.host] = { kind: 'answer', ipv4: [spec.vpn ? TEST_NET.vpnTarget(i) : targetAddress(i)] };
  });
  return zone;
}

async function startResolver(dns: DnsSpec, address: string, spec: WorldSpec): Promise<LabDnsServer | null> {
  if (dns.unreachable) return null;
  const server = await startDnsServer({
    address,
    port: 53,
    zone: { ...trueZone(spec), ...dns.overrides },
    fallback: { kind: 'nxdomain' },
    ...(spec.lateMs ? { delayMs: spec.lateMs } : {}),
  });
  server.silent = dns.silent === true;
  return server;
}

/** A lab server's URL with its IP literal replaced by the lab name that resolves to it. */
const byName = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.hostname = name;
  return parsed.toString();
};

export interface Lab {
  systemDns: LabDnsServer | null;
  referenceDns: LabDnsServer | null;
  targets: (LabWebServer | null)[];
  impostors: LabWebServer[];
  status: StatusServer | null;
  connectivity: ConnectivityServer;
  proxy: LabProxyServer | null;
}

/** Stops every lab server (none may keep the process alive). */
export async function closeLab(lab: Lab): Promise<void> {
  await Promise.allSettled([
    lab.systemDns?.close(),
    lab.referenceDns?.close(),
    ...lab.targets.map((t) => t?.close()),
    ...lab.impostors.map((i) => i.close()),
    lab.status?.close(),
    lab.connectivity.close(),
    lab.proxy?.close(),
  ]);
}

export async function startLab(spec: WorldSpec): Promise<Lab> {
  const late = spec.lateMs ? { delayMs: spec.lateMs } : {};
  const [systemDns, referenceDns, targets, status, connectivity, proxy] = await Promise.all([
    startResolver(spec.systemDns, LAB_ADDRESSES.systemDns, spec),
    startResolver(spec.referenceDns, LAB_ADDRESSES.referenceDns, spec),
    Promise.all(
      spec.targets.map((t, i) =>
        t.page === null
          ? Promise.resolve(null)
          : startWebServer({ tls: t.cert ?? 'leaf', host: targetAddress(i), behaviour: t.page, delayMs: (spec.lateMs ?? 0) + (t.delayMs ?? 0) }),
      ),
    ),
    spec.status === 'none' ? Promise.resolve(null) : startStatusServer(spec.status, LAB_ADDRESSES.status, late),
    startConnectivityServer(spec.connectivity, LAB_ADDRESSES.connectivity, late),
    spec.proxy && spec.proxy !== 'unreachable'
      ? startProxyServer({
          mode: spec.proxy,
          host: LAB_ADDRESSES.proxy,
          hosts: Object.fromEntries(spec.targets.map((t, i) => [t.host, targetAddress(i)])),
        })
      : Promise.resolve(null),
  ]);
  // Impostors take their target's port, so they start once the targets have theirs.
  const impostors = await Promise.all(
    (spec.impostors ?? []).map((impostor) =>
      startWebServer({ tls: impostor.cert, host: impostor.address, port: targets[impostor.target]?.port ?? 0, behaviour: impostor.page }),
    ),
  );
  return { systemDns, referenceDns, targets, impostors, status, connectivity, proxy };
}

export function profileFor(spec: WorldSpec, lab: Lab): unknown {
  return {
    name: 'Lab Chat',
    targets: spec.targets.map((t, i) => ({ id: t.id, url: `https://${t.host}:${lab.targets[i]?.port ?? UNSERVED_PORT}/` })),
    ...(lab.status ? { statusPage: { url: byName(lab.status.url, LAB_NAMES.status), components: ['Conversations', 'Login'] } } : {}),
    referenceResolvers: [spec.referenceDns.unreachable ? TEST_NET.referenceDns : LAB_ADDRESSES.referenceDns],
    connectivityCheck: byName(lab.connectivity.url, LAB_NAMES.connectivity),
    supportUrl: 'https://help.chat.lab/',
  };
}

export function cliEnv(spec: WorldSpec, lab: Lab, workDir: string): NodeJS.ProcessEnv {
  // Built from scratch: the test machine's own proxy variables or desktop session must not leak into a world.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: workDir,
    TMPDIR: workDir,
    LANG: 'C.UTF-8',
    NODE_EXTRA_CA_CERTS: LAB_CA_FILE,
  };
  if (spec.proxy) env.HTTPS_PROXY = lab.proxy ? lab.proxy.url : `http://${LAB_ADDRESSES.proxy}:3128`;
  return env;
}

export function runCli(profileFile: string, spec: WorldSpec, env: NodeJS.ProcessEnv): Promise<Omit<WorldResult, 'requests'>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [CLI, 'diagnose', '--json', '--profile', profileFile, '--timeout', String(spec.timeoutMs)],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const runaway = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs + RUNAWAY_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(runaway);
      resolve({ exitCode: code, signal, elapsedMs: Math.round(performance.now() - started), stdout, stderr });
    });
  });
}

