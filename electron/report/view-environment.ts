// The environment as a short table (operating system, adapters, DNS servers, proxy, VPN) and the connection type
// for the header. Read tolerantly from `environment` and the connection check's evidence: their inner shapes are
// records of unknowns in the schema, and older or newer engines may differ.
import type { Report } from '../common/spec.js';

export interface EnvironmentRow {
  label: string;
  /** One entry per line (an adapter, a DNS server…); never empty. */
  values: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const OS_NAMES: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', freebsd: 'FreeBSD' };

const ADAPTER_KINDS: Record<string, string> = {
  wireless: 'Wi-Fi',
  wired: 'Ethernet (cable)',
  tunnel: 'VPN tunnel',
  virtual: 'virtual adapter',
  loopback: 'loopback',
};

export function operatingSystem(report: Report): string {
  const os = report.environment.os;
  return `${OS_NAMES[os.platform] ?? os.platform} ${os.release} (${os.arch})`;
}

/** "Wi-Fi (“Home”, signal 80 %, wlan0)", "Ethernet (cable, eth0)", or "Not identified". */
export function connectionType(report: Report): string {
  const evidence = report.checks.find((c) => c.id === 'connection')?.evidence ?? {};
  const chosen = isRecord(evidence.defaultInterface) ? evidence.defaultInterface : undefined;
  const fallback = list(report.environment.adapters).find((a) => isRecord(a) && a.default === true) as Record<string, unknown> | undefined;
  const adapter = chosen ?? fallback;
  if (!adapter) return 'Not identified';
  const kind = text(adapter.kind);
  const name = text(adapter.name) ?? text(adapter.iface);
  const wifi = isRecord(evidence.wifi) ? evidence.wifi : undefined;
  if (kind === 'wireless') {
    const ssid = text(wifi?.ssid);
    const signal = text(wifi?.signalPercent);
    const details = [ssid ? `“${ssid}”` : undefined, signal ? `signal ${signal} %` : undefined, name].filter(Boolean);
    return `Wi-Fi${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  }
  if (kind === 'wired') return `Ethernet (cable${name ? `, ${name}` : ''})`;
  const label = (kind && ADAPTER_KINDS[kind]) ?? kind ?? 'Network adapter';
  return `${label[0]!.toUpperCase()}${label.slice(1)}${name ? ` (${name})` : ''}`;
}

function describeAdapter(adapter: Record<string, unknown>): string {
  const name = text(adapter.name) ?? text(adapter.iface) ?? 'adapter';
  const kind = text(adapter.kind);
  const facts = [
    text(adapter.description),
    kind ? ADAPTER_KINDS[kind] ?? kind : undefined,
    adapter.up === true ? 'up' : adapter.up === false ? 'down' : undefined,
    adapter.default === true ? 'default route' : undefined,
    text(adapter.ssid) ? `network “${text(adapter.ssid)}”` : undefined,
    text(adapter.ip4),
    text(adapter.ip6),
    text(adapter.ip6LinkLocal),
    text(adapter.mac) ? `MAC ${text(adapter.mac)}` : undefined,
    text(adapter.speedMbps) ? `${text(adapter.speedMbps)} Mbit/s` : undefined,
    text(adapter.tunnel) ? `tunnel ${text(adapter.tunnel)}` : undefined,
  ].filter((f): f is string => f !== undefined);
  return facts.length > 0 ? `${name}: ${facts.join(', ')}` : name;
}

const PROXY_SOURCES: Record<string, string> = {
  env: 'environment variables',
  gsettings: 'GNOME settings',
  scutil: 'macOS settings',
  registry: 'Windows settings',
  pac: 'automatic configuration (PAC)',
  electron: "the browser's settings",
};

function describeProxy(proxy: Record<string, unknown> | null): string[] {
  if (!proxy) return ['None'];
  if ('effective' in proxy) {
    const effective = isRecord(proxy.effective) ? proxy.effective : null;
    if (!effective) return ['None set'];
    const source = text(effective.source);
    const from = source ? ` (from ${PROXY_SOURCES[source] ?? source})` : '';
    const servers = isRecord(effective.servers) ? Object.entries(effective.servers).filter(([, v]) => text(v)) : [];
    const pac = text(effective.pacUrl) ?? text(effective.pac);
    const lines = servers.map(([scheme, url]) => `${scheme}: ${text(url)}${from}`);
    if (pac) lines.push(`automatic configuration: ${pac}${from}`);
    return lines.length > 0 ? lines : [`${text(effective.mode) ?? 'set'}${from}`];
  }
  // Another shape (an older engine, a hand-made report): its plain values.
  const plain = Object.entries(proxy).filter(([, v]) => text(v) !== undefined);
  return plain.length > 0 ? plain.map(([k, v]) => (k === 'url' ? text(v)! : `${k}: ${text(v)}`)) : ['Set (see the evidence)'];
}

function describeVpn(vpn: Record<string, unknown> | null): string[] {
  if (!vpn) return ['None'];
  if ('tunnels' in vpn) {
    const tunnels = list(vpn.tunnels).filter(isRecord);
    const carries = [vpn.defaultRoute, vpn.routeToTarget].some((r) => isRecord(r) && r.viaTunnel === true);
    if (tunnels.length === 0) return [carries ? 'A tunnel carries the traffic (see the evidence)' : 'None active'];
    return tunnels.map((t) => {
      const kind = text(t.kind);
      return `${text(t.name) ?? 'tunnel'}${kind ? ` (${kind})` : ''}${carries ? ', carries the traffic' : ', does not carry the traffic to the service'}`;
    });
  }
  const plain = Object.entries(vpn).filter(([, v]) => text(v) !== undefined);
  return plain.length > 0 ? plain.map(([k, v]) => `${k}: ${text(v)}`) : ['Present (see the evidence)'];
}

export function environmentRows(report: Report): EnvironmentRow[] {
  const env = report.environment;
  const adapters = list(env.adapters).filter(isRecord);
  return [
    { label: 'Operating system', values: [operatingSystem(report)] },
    { label: 'Network adapters', values: adapters.length > 0 ? adapters.map(describeAdapter) : ['None found'] },
    { label: 'DNS servers', values: env.dnsServers.length > 0 ? env.dnsServers : ['None found'] },
    { label: 'Proxy', values: describeProxy(env.proxy) },
    { label: 'VPN', values: describeVpn(env.vpn) },
  ];
}
