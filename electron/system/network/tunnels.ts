// Which network interfaces are VPN tunnels, by name (Linux/macOS) or adapter description (Windows). Pure.
// A tunnel interface alone proves nothing (macOS always has utun0–utun3 for system services): whether it carries
// the traffic is decided from routes (routes.ts).

export type TunnelKind =
  | 'wireguard'
  | 'openvpn'
  | 'anyconnect'
  | 'globalprotect'
  | 'fortinet'
  | 'pulse'
  | 'checkpoint'
  | 'tailscale'
  | 'zerotier'
  | 'ipsec'
  | 'ppp'
  | 'tun'
  | 'tap'
  | 'other';

export interface TunnelMatch {
  kind: TunnelKind;
  /** What matched, for evidence ("name wg0", "description TAP-Windows Adapter V9"). */
  reason: string;
}

// Order matters: specific products before generic device families.
const BY_DESCRIPTION: [RegExp, TunnelKind][] = [
  [/wireguard/i, 'wireguard'],
  [/wintun/i, 'wireguard'],
  [/tap-windows|tap-win32|openvpn/i, 'openvpn'],
  [/anyconnect|cisco secure client|cisco systems vpn/i, 'anyconnect'],
  [/pangp|globalprotect|palo alto/i, 'globalprotect'],
  [/fortinet|forticlient/i, 'fortinet'],
  [/juniper|pulse secure|ivanti/i, 'pulse'],
  [/check ?point/i, 'checkpoint'],
  [/tailscale/i, 'tailscale'],
  [/zerotier/i, 'zerotier'],
  [/wan miniport \((ikev2|l2tp|sstp|pptp)\)/i, 'ipsec'],
  [/\bvpn\b/i, 'other'],
];

const BY_NAME: [RegExp, TunnelKind][] = [
  [/^(wg\d+|wg-\S+|nordlynx|mullvad-\S+)$/i, 'wireguard'],
  [/^cscotun\d*$/i, 'anyconnect'],
  [/^gpd\d+$/i, 'globalprotect'],
  [/^tailscale\d*$/i, 'tailscale'],
  [/^zt[0-9a-z]{6,}$/i, 'zerotier'],
  [/^(ipsec\d*|vti\d*|xfrm\d*)$/i, 'ipsec'],
  [/^ppp\d+$/i, 'ppp'],
  [/^u?tun\d+$/i, 'tun'],
  [/^tap\d+$/i, 'tap'],
  [/^(proton\d*|pvpn\S*|vpn\S*|\S*vpn\d*)$/i, 'other'],
];

// Virtual but not VPN: containers, hypervisors, Apple's peer-to-peer links.
const NOT_A_TUNNEL = /^(docker\d*|br-\S+|veth\S*|virbr\d*|vmnet\d*|vboxnet\d*|lxcbr\d*|lxdbr\d*|cni\d*|flannel\S*|awdl\d*|llw\d*|bridge\d*|anpi\d*|ap\d+|gif\d+|stf\d+|lo\d*)$/i;

/** Classifies one interface by its name and (Windows) adapter description; null when it is not a tunnel. */
export function classifyTunnel(name: string, description = ''): TunnelMatch | null {
  if (description && description !== name) {
    if (/hyper-v|vethernet|virtualbox|vmware|loopback|bluetooth|wi-?fi direct|kernel debug/i.test(description)) return null;
    for (const [pattern, kind] of BY_DESCRIPTION) {
      if (pattern.test(description)) return { kind, reason: `description ${description}` };
    }
  }
  if (NOT_A_TUNNEL.test(name)) return null;
  for (const [pattern, kind] of BY_NAME) {
    if (pattern.test(name)) return { kind, reason: `name ${name}` };
  }
  return null;
}

const LABELS: Record<TunnelKind, string> = {
  wireguard: 'WireGuard',
  openvpn: 'OpenVPN',
  anyconnect: 'Cisco AnyConnect',
  globalprotect: 'GlobalProtect',
  fortinet: 'FortiClient',
  pulse: 'Pulse Secure / Ivanti',
  checkpoint: 'Check Point',
  tailscale: 'Tailscale',
  zerotier: 'ZeroTier',
  ipsec: 'IPsec',
  ppp: 'PPP',
  tun: 'VPN',
  tap: 'VPN',
  other: 'VPN',
};

/** A human name for the tunnel kind ("WireGuard", "Cisco AnyConnect", or just "VPN"). */
export function tunnelLabel(kind: TunnelKind): string {
  return LABELS[kind];
}
