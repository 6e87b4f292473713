// Linux Wi-Fi: NetworkManager's terse listing (values are not localized; ':' inside values is escaped as '\:'),
// and /proc/net/wireless (the kernel's link quality) when nmcli is missing. Pure argv builder and parsers.
import { splitTerse } from '../nmcli-terse.js';
import { dbmToPercent, isInsecureSecurity, type WifiInfo } from './wifi-types.js';

/** Cached scan results only (--rescan no): a rescan would take seconds and disturb the link. */
export function linuxWifiArgv(): string[] {
  return ['nmcli', '-t', '-f', 'IN-USE,SSID,SIGNAL,SECURITY,DEVICE', 'device', 'wifi', 'list', '--rescan', 'no'];
}

/** The networks marked in use ('*') in `nmcli -t -f IN-USE,SSID,SIGNAL,SECURITY,DEVICE device wifi list`. */
export function parseNmcliWifi(output: string): WifiInfo[] {
  const networks: WifiInfo[] = [];
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    const [inUse, ssid, signal, security, device] = splitTerse(line);
    if (inUse?.trim() !== '*') continue;
    const percent = Number(signal);
    networks.push({
      ...(device ? { interface: device } : {}),
      ...(ssid ? { ssid } : {}),
      ...(signal && Number.isFinite(percent) ? { signalPercent: percent } : {}),
      security: security && security !== '--' ? security : 'Open',
      insecure: isInsecureSecurity(security ?? ''),
    });
  }
  return networks;
}

/**
 * /proc/net/wireless:
 *   Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE
 *    face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22
 *   wlp2s0: 0000   54.  -56.  -256        0      0      0      0     21        0
 * The level column is dBm on current drivers (negative); security is not reported here.
 */
export function parseProcNetWireless(text: string): WifiInfo[] {
  const networks: WifiInfo[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*([^\s:|]+):\s+[0-9a-f]+\s+(-?\d+)\.?\s+(-?\d+)\.?\s/i.exec(line);
    if (!match) continue;
    const level = Number(match[3]);
    networks.push({
      interface: match[1]!,
      ...(level < 0 && level > -130 ? { signalDbm: level, signalPercent: dbmToPercent(level) } : {}),
    });
  }
  return networks;
}
