// What the Wi-Fi readers report for a connected network, whatever the OS.

export interface WifiInfo {
  interface?: string;
  ssid?: string;
  /** 0–100, as the OS shows it (or derived from dBm: 2 × (dBm + 100), clamped). */
  signalPercent?: number;
  signalDbm?: number;
  /** The security as the OS names it ("WPA2-Personal", "WPA1 WPA2", "wpa3_personal", "Open"). */
  security?: string;
  /** Open, WEP, or WPA1 only: traffic others nearby can read or break into. */
  insecure?: boolean;
}

/** The usual dBm → quality mapping (Windows' and most tools'): −100 dBm = 0 %, −50 dBm = 100 %. */
export function dbmToPercent(dbm: number): number {
  return Math.max(0, Math.min(100, Math.round(2 * (dbm + 100))));
}

/** Open, WEP, or WPA (version 1) without WPA2/WPA3: ChromeOS calls these insecure. */
export function isInsecureSecurity(security: string): boolean {
  const value = security.trim().toLowerCase();
  // Windows prints "Open" in the display language: German "Offen", French "Ouvrir" (sic: the verb), Spanish
  // "Abierta", Italian "Aperta", Portuguese "Aberta", Polish "Otwarte", Russian "Открытая", Japanese "開く", Chinese "开放式".
  if (value === '' || value === '--' || value === 'none' || value === 'open' || /\b(offen|ouvrir|ouvert|ouverte|abierta|aperta|aberta|otwarte)\b/.test(value) || ['открытая', '開く', '开放式'].includes(value)) return true;
  if (/wep/.test(value)) return true;
  if (/wpa(?![23])/.test(value.replace(/wpa1/g, 'wpa')) && !/wpa[23]|rsn|owe|802\.1x|enterprise/.test(value)) return true;
  return false;
}
