// Windows Wi-Fi from `netsh wlan show interfaces`, the only built-in source of the signal quality. Its labels
// are localized (Signal/Signal, Authentication/Authentifizierung, State/Status…) and printed in the OEM code
// page, so this parser keys on values, not labels: the SSID line (label "SSID" in every language), the one
// value that is a percentage (the signal), and the value that names a known authentication method.
// Pure argv builder and parser.
import { isInsecureSecurity, type WifiInfo } from './wifi-types.js';

export function windowsWifiArgv(): string[] {
  return ['netsh.exe', 'wlan', 'show', 'interfaces'];
}

const AUTH_VALUE = /^(WPA3?-?\S*|WPA2-\S+|WPA-\S+|WEP|OWE|Shared|Open|Offen|Ouvrir|Ouvert|Abierta|Aperta|Aberta|Otwarte|Открытая|開く|开放式)$/i;

function lineValue(line: string): { label: string; value: string } | null {
  const match = /^\s+(.+?)\s+:\s(.*)$/.exec(line) ?? /^\s+(.+?)\s*:\s*$/.exec(line);
  return match ? { label: match[1]!.trim(), value: (match[2] ?? '').trim() } : null;
}

export function parseNetshWlan(output: string): WifiInfo[] {
  const networks: WifiInfo[] = [];
  // Interfaces are separated by blank lines; the first line of each block is its name.
  const blocks = output.split(/\r?\n\s*\r?\n/);
  for (const block of blocks) {
    const lines = block.split(/\r?\n/).map(lineValue).filter((l): l is { label: string; value: string } => l !== null);
    const ssid = lines.find((l) => l.label === 'SSID');
    if (!ssid) continue; // not connected: no SSID line
    const name = lines[0]?.value;
    const signal = lines.find((l) => /^\d{1,3}\s?%$/.test(l.value));
    const auth = lines.find((l) => l !== ssid && l.value !== ssid.value && AUTH_VALUE.test(l.value));
    networks.push({
      ...(name ? { interface: name } : {}),
      ...(ssid.value ? { ssid: ssid.value } : {}),
      ...(signal ? { signalPercent: Number(signal.value.replace(/\D/g, '')) } : {}),
      ...(auth ? { security: auth.value, insecure: isInsecureSecurity(auth.value) } : {}),
    });
  }
  return networks;
}
