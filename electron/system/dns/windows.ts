// Windows backend: `Set-DnsClientServerAddress` on the adapter(s) that carry a default route, IPv4 and IPv6 in
// one list; `-ResetServerAddresses` gives an adapter back to DHCP. Whether a family's servers are static or from
// DHCP is only recorded in the registry (the `NameServer` value of the adapter's Tcpip / Tcpip6 key is empty when
// they come from DHCP), so the read script returns it next to the servers in effect.
// Scripts are built from validated data only (interface indexes, IP addresses) and passed Base64-encoded
// (-EncodedCommand), so no quoting of ours is ever parsed by a shell.
import { z } from 'zod';
import { isIPv4, isIPv6 } from '../../common/spec.js';
import type { FamilyDns, InterfaceDns } from '../../common/dns-schema.js';
import { windowsPowerShellPath, windowsSystem32Path } from '../run-command.js';
import type { Run } from './nmcli.js';
import type { BackendState, DnsBackend, Operation, SavedConfigOf } from './types.js';

export type WindowsSaved = SavedConfigOf<'windows'>;
type SavedAdapter = WindowsSaved['adapters'][number];

export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** PowerShell by its full path under %SystemRoot% (never through PATH), running a Base64-encoded script. */
export function powershellEncodedArgv(script: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return [windowsPowerShellPath(env), '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodePowerShell(script)];
}

/** A constant script: the Up adapters, their servers in effect, their static lists, and which hold a default route. */
export const READ_SCRIPT = `$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$routes = @(Get-NetRoute -DestinationPrefix '0.0.0.0/0','::/0' -ErrorAction SilentlyContinue)
$bindings = @(Get-NetAdapterBinding -ComponentID ms_tcpip6 -ErrorAction SilentlyContinue)
$rows = foreach ($a in @(Get-NetAdapter | Where-Object { $_.Status -eq 'Up' })) {
  $i = $a.ifIndex
  $g = $a.InterfaceGuid
  $p4 = Get-ItemProperty -Path "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\$g" -Name NameServer -ErrorAction SilentlyContinue
  $p6 = Get-ItemProperty -Path "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Tcpip6\\Parameters\\Interfaces\\$g" -Name NameServer -ErrorAction SilentlyContinue
  $b6 = $bindings | Where-Object { $_.Name -eq $a.Name } | Select-Object -First 1
  [pscustomobject]@{
    ifIndex = $i
    alias = $a.Name
    description = $a.InterfaceDescription
    defaultRoute = [bool]($routes | Where-Object { $_.ifIndex -eq $i })
    ipv4 = @((Get-DnsClientServerAddress -InterfaceIndex $i -AddressFamily IPv4 -ErrorAction SilentlyContinue).ServerAddresses | Where-Object { $_ })
    ipv6 = @((Get-DnsClientServerAddress -InterfaceIndex $i -AddressFamily IPv6 -ErrorAction SilentlyContinue).ServerAddresses | Where-Object { $_ })
    staticIpv4 = $p4.NameServer
    staticIpv6 = $p6.NameServer
    ipv6Enabled = if ($b6) { [bool]$b6.Enabled } else { $true }
  }
}
ConvertTo-Json -InputObject @($rows) -Depth 3 -Compress
`;

export const readAdaptersArgv = (): string[] => powershellEncodedArgv(READ_SCRIPT);

const ADMIN_SCRIPT =
  '([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)';
export const isAdminArgv = (): string[] => powershellEncodedArgv(ADMIN_SCRIPT);
export const parseIsAdmin = (output: string): boolean => output.trim().toLowerCase() === 'true';

// ---------- parser ----------

const stringList = z
  .union([z.array(z.string().nullable()), z.string(), z.null()])
  .optional()
  .transform((v) => (v == null ? [] : (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === 'string' && s !== '')));

const AdapterRowSchema = z.object({
  ifIndex: z.number().int().positive(),
  alias: z.string().min(1),
  description: z.string().nullable().optional(),
  defaultRoute: z.boolean(),
  ipv4: stringList,
  ipv6: stringList,
  /** The registry's NameServer: "8.8.8.8,8.8.4.4" (older Windows separate with spaces); "" or null = DHCP. */
  staticIpv4: z.string().nullable().optional(),
  staticIpv6: z.string().nullable().optional(),
  ipv6Enabled: z.boolean().optional(),
});
export type WindowsAdapterRow = z.infer<typeof AdapterRowSchema>;

export function parseAdaptersJson(text: string): WindowsAdapterRow[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return [];
  const parsed: unknown = JSON.parse(trimmed);
  return z.array(AdapterRowSchema).parse(Array.isArray(parsed) ? parsed : [parsed]);
}

/** The static list of a registry NameServer value, or null when the family uses DHCP. */
export function parseNameServerValue(value: string | null | undefined, family: 4 | 6): string[] | null {
  const list = (value ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => (family === 4 ? isIPv4(s) : isIPv6(s)));
  return list.length > 0 ? list : null;
}

export function windowsState(rows: WindowsAdapterRow[]): BackendState<WindowsSaved> {
  const adapters: SavedAdapter[] = [];
  const interfaces: InterfaceDns[] = [];
  for (const row of rows) {
    const staticIpv4 = parseNameServerValue(row.staticIpv4, 4);
    const staticIpv6 = parseNameServerValue(row.staticIpv6, 6);
    adapters.push({ ifIndex: row.ifIndex, alias: row.alias, staticIpv4, staticIpv6 });
    const family = (staticList: string[] | null, inEffect: string[]): FamilyDns => ({
      mode: staticList ? 'static' : 'automatic',
      servers: inEffect,
    });
    interfaces.push({
      name: row.alias,
      device: String(row.ifIndex),
      primary: row.defaultRoute,
      ipv4: family(staticIpv4, row.ipv4.filter((s) => isIPv4(s))),
      ipv6: { ...family(staticIpv6, row.ipv6.filter((s) => isIPv6(s.replace(/%.*$/, '')))), ...(row.ipv6Enabled === false ? { disabled: true } : {}) },
    });
  }
  return { interfaces, saved: { kind: 'windows', adapters } };
}

// ---------- scripts ----------

function checkIndex(ifIndex: number): number {
  if (!Number.isInteger(ifIndex) || ifIndex < 1 || ifIndex > 2 ** 31) throw new Error(`not an interface index: ${ifIndex}`);
  return ifIndex;
}

function addressArray(servers: readonly string[]): string {
  for (const server of servers) {
    if (!isIPv4(server) && !isIPv6(server)) throw new Error(`not an IP address: "${server}"`);
  }
  return `@(${servers.map((s) => `'${s}'`).join(',')})`;
}

/** Stops at the first error and reports it on stderr with exit status 1 (errors are not CLIXML then). */
function wrap(lines: string[]): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    'try {',
    ...lines.map((l) => `  ${l}`),
    '} catch {',
    '  [Console]::Error.WriteLine($_.Exception.Message)',
    '  exit 1',
    '}',
  ].join('\n');
}

export function setServersScript(adapters: { ifIndex: number; servers: string[] }[]): string {
  return wrap(adapters.map((a) => `Set-DnsClientServerAddress -InterfaceIndex ${checkIndex(a.ifIndex)} -ServerAddresses ${addressArray(a.servers)}`));
}

export function restoreScript(adapters: SavedAdapter[]): string {
  return wrap(
    adapters.flatMap((a) => {
      const statics = [...(a.staticIpv4 ?? []), ...(a.staticIpv6 ?? [])];
      // Reset gives both families to DHCP; a family that was static is then set again.
      const lines = [`Set-DnsClientServerAddress -InterfaceIndex ${checkIndex(a.ifIndex)} -ResetServerAddresses`];
      if (statics.length > 0) lines.push(`Set-DnsClientServerAddress -InterfaceIndex ${a.ifIndex} -ServerAddresses ${addressArray(statics)}`);
      return lines;
    }),
  );
}

export const windowsFlush = (env: NodeJS.ProcessEnv = process.env): Operation[] => [
  { kind: 'exec', argv: [windowsSystem32Path('ipconfig.exe', env), '/flushdns'], optional: true },
];

export function windowsPlanApply(state: BackendState<WindowsSaved>, names: string[], servers: string[]): { operations: Operation[]; warnings: string[] } {
  const chosen = state.saved.adapters.filter((a) => names.includes(a.alias));
  const warnings: string[] = [];
  if (!servers.some((s) => isIPv6(s))) {
    for (const view of state.interfaces.filter((i) => names.includes(i.name) && !i.ipv6.disabled)) {
      // Windows cannot set "no IPv6 servers": without an IPv6 address the IPv6 list stays as it is.
      warnings.push(`${view.name}: IPv6 keeps its ${view.ipv6.mode} servers, because no IPv6 server was given`);
    }
  }
  if (chosen.length === 0) return { operations: [], warnings };
  const script = setServersScript(chosen.map((a) => ({ ifIndex: a.ifIndex, servers })));
  return { operations: [{ kind: 'exec', argv: powershellEncodedArgv(script) }], warnings };
}

export function windowsPlanRestore(saved: WindowsSaved): Operation[] {
  return saved.adapters.length === 0 ? [] : [{ kind: 'exec', argv: powershellEncodedArgv(restoreScript(saved.adapters)) }];
}

export function windowsBackend(run: Run): DnsBackend<WindowsSaved> {
  return {
    id: 'windows',
    label: 'Windows network adapters',
    read: async () => windowsState(parseAdaptersJson(await run(readAdaptersArgv()))),
    planApply: windowsPlanApply,
    planRestore: windowsPlanRestore,
    planFlush: () => windowsFlush(),
  };
}
