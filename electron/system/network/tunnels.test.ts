import { describe, expect, it } from 'vitest';
import { classifyTunnel, tunnelLabel } from './tunnels.js';

describe('classifyTunnel', () => {
  it('recognises Linux and macOS tunnel names', () => {
    expect(classifyTunnel('wg0')?.kind).toBe('wireguard');
    expect(classifyTunnel('nordlynx')?.kind).toBe('wireguard');
    expect(classifyTunnel('tun0')?.kind).toBe('tun');
    expect(classifyTunnel('utun4')?.kind).toBe('tun');
    expect(classifyTunnel('tap1')?.kind).toBe('tap');
    expect(classifyTunnel('ppp0')?.kind).toBe('ppp');
    expect(classifyTunnel('ipsec0')?.kind).toBe('ipsec');
    expect(classifyTunnel('cscotun0')?.kind).toBe('anyconnect');
    expect(classifyTunnel('gpd0')?.kind).toBe('globalprotect');
    expect(classifyTunnel('tailscale0')?.kind).toBe('tailscale');
    expect(classifyTunnel('ztc3q6qbmq')?.kind).toBe('zerotier');
  });

  it('recognises Windows VPN adapters by description, whatever the alias', () => {
    expect(classifyTunnel('Ethernet 3', 'TAP-Windows Adapter V9')?.kind).toBe('openvpn');
    expect(classifyTunnel('Local Area Connection', 'Wintun Userspace Tunnel')?.kind).toBe('wireguard');
    expect(classifyTunnel('wg-office', 'WireGuard Tunnel')?.kind).toBe('wireguard');
    expect(classifyTunnel('Ethernet 4', 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64')?.kind).toBe('anyconnect');
    expect(classifyTunnel('Ethernet 5', 'PANGP Virtual Ethernet Adapter Secure')?.kind).toBe('globalprotect');
    expect(classifyTunnel('Ethernet 6', 'Fortinet SSL VPN Virtual Ethernet Adapter')?.kind).toBe('fortinet');
    expect(classifyTunnel('Tailscale', 'Tailscale Tunnel')?.kind).toBe('tailscale');
    expect(classifyTunnel('VPN - VPN Client', 'VPN Client Adapter - VPN')?.kind).toBe('other');
    expect(classifyTunnel('Ethernet 7', 'OpenVPN Data Channel Offload')?.kind).toBe('openvpn');
  });

  it('leaves physical, container and hypervisor interfaces alone', () => {
    for (const [name, description] of [
      ['eth0', ''],
      ['wlp0s20f3', ''],
      ['en0', ''],
      ['docker0', ''],
      ['veth12ab34', ''],
      ['virbr0', ''],
      ['awdl0', ''],
      ['llw0', ''],
      ['bridge100', ''],
      ['lo0', ''],
      ['vEthernet (WSL)', 'Hyper-V Virtual Ethernet Adapter'],
      ['Ethernet', 'Intel(R) Ethernet Connection (7) I219-V'],
      ['WLAN', 'Intel(R) Wi-Fi 6 AX201 160MHz'],
      ['VirtualBox Host-Only Network', 'VirtualBox Host-Only Ethernet Adapter'],
    ]) {
      expect(classifyTunnel(name!, description), `${name} ${description}`).toBeNull();
    }
  });

  it('names what matched and labels the kind', () => {
    expect(classifyTunnel('Ethernet 3', 'TAP-Windows Adapter V9')?.reason).toBe('description TAP-Windows Adapter V9');
    expect(tunnelLabel('anyconnect')).toBe('Cisco AnyConnect');
    expect(tunnelLabel('tun')).toBe('VPN');
  });
});
