// The DNS switch as data: presets, the switch request every entry point (CLI, IPC) validates, and the status and
// result shapes the CLI's --json and the UI read. Runs anywhere (no Node, no DOM).
import { z } from 'zod';
import { isIPv4, isIPv6 } from './spec.js';

/** The well-known public resolvers: what a switch offers, and how the app names them anywhere (the one table). */
export const DNS_PRESETS = {
  google: { label: 'Google Public DNS', servers: ['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888', '2001:4860:4860::8844'] },
  cloudflare: { label: 'Cloudflare DNS', servers: ['1.1.1.1', '1.0.0.1', '2606:4700:4700::1111', '2606:4700:4700::1001'] },
  quad9: { label: 'Quad9', servers: ['9.9.9.9', '149.112.112.112', '2620:fe::fe', '2620:fe::9'] },
} as const;
export type DnsPreset = keyof typeof DNS_PRESETS;
export const DNS_PRESET_IDS = Object.keys(DNS_PRESETS) as [DnsPreset, ...DnsPreset[]];

/** The preset a server address belongs to (8.8.4.4 → google, any case), or null. */
export function presetOf(address: string): DnsPreset | null {
  const lower = address.toLowerCase();
  return DNS_PRESET_IDS.find((id) => (DNS_PRESETS[id].servers as readonly string[]).includes(lower)) ?? null;
}
export const DEFAULT_DNS_PRESET: DnsPreset = 'google';
export const MAX_DNS_SERVERS = 6;

/** Why a string is not usable as a DNS server, or null when it is (a plain IPv4/IPv6 address, no port, no zone). */
export function dnsServerProblem(value: string): string | null {
  if (isIPv4(value)) {
    const first = Number(value.split('.')[0]);
    if (value === '0.0.0.0' || value === '255.255.255.255' || (first >= 224 && first <= 239)) {
      return `${value} is not a unicast address`;
    }
    return null;
  }
  if (isIPv6(value)) {
    if (/^[0:]+$/.test(value)) return `${value} is the unspecified address`;
    if (/^ff/i.test(value)) return `${value} is a multicast address`;
    return null;
  }
  return `"${printable(value)}" is not an IPv4 or IPv6 address`;
}

/** Newlines, tabs, NUL, DEL… anything that could end an argument or a line where one is written. */
export function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Shows hostile input safely in a one-line message. */
function printable(value: string): string {
  const shown = value.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

export const DnsServerSchema = z.string().superRefine((value, context) => {
  const problem = dnsServerProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/**
 * An interface as the backend names it (NetworkManager connection, systemd-resolved link, macOS network service,
 * Windows adapter alias). Spaces are legal ("Wi-Fi 2", "Wired connection 1"); control characters and a leading
 * dash (which a tool could read as an option) are not. The backend also checks it is one of the machine's.
 */
export const DnsInterfaceNameSchema = z
  .string()
  .min(1, { message: 'an interface name cannot be empty' })
  .max(128, { message: 'an interface name is at most 128 characters' })
  .refine((value) => !hasControlChars(value), { message: 'an interface name cannot contain control characters' })
  .refine((value) => !value.startsWith('-'), { message: 'an interface name cannot start with "-"' });

export const DnsSwitchRequestSchema = z
  .object({
    preset: z.enum(DNS_PRESET_IDS).optional(),
    servers: z
      .array(DnsServerSchema)
      .min(1, { message: 'give at least one DNS server' })
      .max(MAX_DNS_SERVERS, { message: `give at most ${MAX_DNS_SERVERS} DNS servers` })
      .optional(),
    /** Change only these interfaces; the ones that carry the default route when absent. */
    interfaces: z.array(DnsInterfaceNameSchema).min(1).max(16).optional(),
  })
  .strict()
  .refine((request) => !(request.preset && request.servers), { message: 'give a preset or servers, not both' });
export type DnsSwitchRequest = z.infer<typeof DnsSwitchRequestSchema>;

/** The servers a valid request asks for, duplicates removed, in the given order. */
export function requestedServers(request: DnsSwitchRequest): string[] {
  const list = request.servers ?? DNS_PRESETS[request.preset ?? DEFAULT_DNS_PRESET].servers;
  return [...new Set(list.map((s) => s.toLowerCase()))];
}

export function splitServers(servers: readonly string[]): { ipv4: string[]; ipv6: string[] } {
  return { ipv4: servers.filter((s) => isIPv4(s)), ipv6: servers.filter((s) => isIPv6(s)) };
}

/** The first problem of an invalid request as one line ("servers.0: "8.8.8.8;reboot" is not an IPv4 or IPv6 address"). */
export function dnsRequestProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

// ---------- Status and results ----------

export const DNS_BACKEND_IDS = ['resolv-conf', 'networkmanager', 'systemd-resolved', 'macos', 'windows'] as const;
export const DnsBackendIdSchema = z.enum(DNS_BACKEND_IDS);
export type DnsBackendId = z.infer<typeof DnsBackendIdSchema>;

export const FamilyDnsSchema = z.object({
  /** automatic: from DHCP / router advertisements; static: set by hand; unknown: the backend cannot tell. */
  mode: z.enum(['automatic', 'static', 'unknown']),
  /** The servers in effect for this family (the DHCP-given ones when automatic, where the OS tells). */
  servers: z.array(z.string()),
  /** The family is switched off on this interface (IPv6 disabled, for example). */
  disabled: z.boolean().optional(),
});
export type FamilyDns = z.infer<typeof FamilyDnsSchema>;

export const InterfaceDnsSchema = z.object({
  name: z.string(),
  /** The device under it (eth0, en0, Windows ifIndex), when the name is not the device. */
  device: z.string().optional(),
  /** Carries the default route: the interfaces a switch changes when none is named. */
  primary: z.boolean(),
  ipv4: FamilyDnsSchema,
  ipv6: FamilyDnsSchema,
});
export type InterfaceDns = z.infer<typeof InterfaceDnsSchema>;

export const DnsChangeSchema = z.object({
  /** in-progress: a switch is running now; interrupted: a switch died before it finished; active: a verified switch. */
  state: z.enum(['in-progress', 'interrupted', 'active']),
  backend: DnsBackendIdSchema,
  createdAt: z.iso.datetime(),
  servers: z.array(z.string()),
  interfaces: z.array(z.string()),
  /** What undoes it (the CLI command; the app offers a button). */
  revert: z.string(),
  /**
   * What a revert would write, shown before anyone confirms it: lines for people, and the digest of the saved
   * settings, which the revert the user confirmed must match (so a journal swapped meanwhile is refused).
   */
  restore: z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/), lines: z.array(z.string().max(2_000)).max(200) }).optional(),
});
export type DnsChange = z.infer<typeof DnsChangeSchema>;

export const DnsStatusSchema = z.object({
  backend: DnsBackendIdSchema,
  backendLabel: z.string(),
  interfaces: z.array(InterfaceDnsSchema),
  change: DnsChangeSchema.nullable(),
  /** Reading the configuration failed (the change, if any, is still reported). */
  error: z.string().optional(),
});
export type DnsStatus = z.infer<typeof DnsStatusSchema>;

export const DnsVerificationSchema = z.object({
  host: z.string(),
  ok: z.boolean(),
  addresses: z.array(z.string()),
  error: z.string().optional(),
  durationMs: z.number().nonnegative(),
});
export type DnsVerification = z.infer<typeof DnsVerificationSchema>;

export const DnsSwitchResultSchema = z.object({
  /** The new servers are in effect and resolved every target. */
  ok: z.boolean(),
  backend: DnsBackendIdSchema,
  servers: z.array(z.string()),
  interfaces: z.array(z.string()),
  verification: z.array(DnsVerificationSchema),
  /** The change was undone by itself (verification failed, or applying failed half-way). */
  reverted: z.boolean(),
  /** Why it failed, as a plain sentence. */
  reason: z.string().optional(),
  /** It failed and putting the previous settings back failed too: a revert is needed (hosts say how). */
  revertNeeded: z.boolean().optional(),
  warnings: z.array(z.string()),
});
export type DnsSwitchResult = z.infer<typeof DnsSwitchResultSchema>;

/** What the user confirmed before a revert: the digest of the saved settings they were shown (DnsChange.restore). */
export const DnsRevertRequestSchema = z.object({ expected: z.string().regex(/^[0-9a-f]{64}$/) }).strict().optional();
export type DnsRevertRequest = z.infer<typeof DnsRevertRequestSchema>;

export const DnsRevertResultSchema = z.object({
  reverted: z.boolean(),
  backend: DnsBackendIdSchema.optional(),
  interfaces: z.array(z.string()),
  message: z.string(),
  warnings: z.array(z.string()),
});
export type DnsRevertResult = z.infer<typeof DnsRevertResultSchema>;
