// How the DNS step names DNS servers: the presets by their provider, any other server by its address.
import { DNS_PRESETS, DNS_PRESET_IDS, presetOf, type DnsPreset } from '../../../electron/common/dns-schema.js';
import { parseResolverAddress } from '../../../electron/common/spec.js';

export { presetOf };

/** The provider's name in sentences ("Google Public DNS answered…"): the presets' own labels. */
export const PRESET_NAMES = Object.fromEntries(DNS_PRESET_IDS.map((id) => [id, DNS_PRESETS[id].label])) as Record<DnsPreset, string>;

/** The short name on buttons ("Switch to Google DNS"). */
export const PRESET_SHORT_NAMES: Record<DnsPreset, string> = {
  google: 'Google DNS',
  cloudflare: 'Cloudflare DNS',
  quad9: 'Quad9 DNS',
};

/**
 * A reference resolver as a sentence names it: the provider for a well-known one on port 53, else "the reference
 * DNS server 127.0.0.2" (as written in the profile, port included).
 */
export function resolverName(value: string): string {
  const parsed = parseResolverAddress(value);
  const preset = parsed && parsed.port === 53 ? presetOf(parsed.host) : null;
  return preset ? PRESET_NAMES[preset] : `the reference DNS server ${value}`;
}

/** A column heading's name for a reference resolver: "Google Public DNS", "Reference 127.0.0.2". */
export function resolverShortName(value: string): string {
  const parsed = parseResolverAddress(value);
  const preset = parsed && parsed.port === 53 ? presetOf(parsed.host) : null;
  return preset ? PRESET_NAMES[preset] : `Reference ${value}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
