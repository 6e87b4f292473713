// macOS Wi-Fi from `system_profiler SPAirPortDataType -json` (structured; the `airport -I` tool is gone since
// macOS 14.4). Signal is "-58 dBm / -92 dBm" (signal / noise); security is "spairport_security_mode_wpa2_personal".
// Pure argv builder and parser.
import { dbmToPercent, isInsecureSecurity, type WifiInfo } from './wifi-types.js';

export function macosWifiArgv(): string[] {
  return ['system_profiler', 'SPAirPortDataType', '-json', '-detailLevel', 'basic'];
}

interface AirportInterface {
  _name?: unknown;
  spairport_current_network_information?: {
    _name?: unknown;
    spairport_signal_noise?: unknown;
    spairport_security_mode?: unknown;
  };
}

export function parseSystemProfilerWifi(output: string): WifiInfo[] {
  const data = JSON.parse(output) as { SPAirPortDataType?: { spairport_airport_interfaces?: AirportInterface[] }[] };
  const networks: WifiInfo[] = [];
  for (const section of data.SPAirPortDataType ?? []) {
    for (const iface of section.spairport_airport_interfaces ?? []) {
      const current = iface.spairport_current_network_information;
      if (!current) continue;
      const signal = typeof current.spairport_signal_noise === 'string' ? /(-\d+)\s*dBm/.exec(current.spairport_signal_noise) : null;
      const mode = typeof current.spairport_security_mode === 'string' ? current.spairport_security_mode.replace(/^spairport_security_mode_/, '') : undefined;
      // Since macOS 14.4 the SSID reads "<redacted>" without the location permission.
      const ssid = typeof current._name === 'string' && current._name !== '<redacted>' ? current._name : undefined;
      const dbm = signal ? Number(signal[1]) : undefined;
      networks.push({
        ...(typeof iface._name === 'string' ? { interface: iface._name } : {}),
        ...(ssid ? { ssid } : {}),
        ...(dbm !== undefined ? { signalDbm: dbm, signalPercent: dbmToPercent(dbm) } : {}),
        ...(mode ? { security: mode, insecure: isInsecureSecurity(mode) } : {}),
      });
    }
  }
  return networks;
}
