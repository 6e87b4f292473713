// Windows routes through PowerShell's NetTCPIP cmdlets piped to ConvertTo-Json (structured, no localized text),
// and `route print` as a fallback where PowerShell is unavailable: its headings are localized ("Active Routes:",
// "Aktive Routen:") and on-link gateways read "On-link" / "Auf Verbindung", so that parser reads only the
// numeric columns of the 0.0.0.0/0.0.0.0 rows. Pure argv builders and parsers.
import { isIP } from 'node:net';
import { powershellArgv, windowsSystem32Path } from '../run-command.js';
import type { Route } from './route.js';

// InterfaceMetric too: Windows ranks routes by RouteMetric + InterfaceMetric, and two defaults often share a RouteMetric.
const ROUTE_FIELDS = 'DestinationPrefix,NextHop,InterfaceAlias,InterfaceIndex,RouteMetric,InterfaceMetric';

export function windowsDefaultRoutesArgv(): string[] {
  return powershellArgv(
    `Get-NetRoute -DestinationPrefix '0.0.0.0/0','::/0' -ErrorAction SilentlyContinue | Select-Object ${ROUTE_FIELDS} | ConvertTo-Json`,
  );
}

/** The route Windows picks for one address (Find-NetRoute also returns the source address object). */
export function windowsRouteToArgv(address: string): string[] {
  // Only a validated IP literal is ever placed in the command text.
  if (isIP(address) === 0) throw new Error(`not an IP address: ${address}`);
  return powershellArgv(
    `Find-NetRoute -RemoteIPAddress '${address}' -ErrorAction SilentlyContinue | Select-Object ${ROUTE_FIELDS},IPAddress | ConvertTo-Json`,
  );
}

export function windowsRoutePrintArgv(): string[] {
  return [windowsSystem32Path('route.exe'), 'print', '-4', '0.0.0.0'];
}

interface NetRouteJson {
  DestinationPrefix?: unknown;
  NextHop?: unknown;
  InterfaceAlias?: unknown;
  RouteMetric?: unknown;
  InterfaceMetric?: unknown;
}

const ON_LINK = new Set(['0.0.0.0', '::']);

/** The metric Windows ranks a route by: RouteMetric + InterfaceMetric (route print's "Metric" column is that sum). */
function effectiveMetric(route: NetRouteJson): number | undefined {
  if (typeof route.RouteMetric !== 'number') return undefined;
  return route.RouteMetric + (typeof route.InterfaceMetric === 'number' ? route.InterfaceMetric : 0);
}

/** ConvertTo-Json of Get-NetRoute / Find-NetRoute: one object or an array; objects without a prefix are skipped. */
export function parseNetRouteJson(output: string): Route[] {
  const text = output.replace(/^\uFEFF/, '').trim();
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as NetRouteJson[];
  return list
    .filter((r) => r && typeof r === 'object' && typeof r.DestinationPrefix === 'string')
    .map((r) => ({
      destination: r.DestinationPrefix as string,
      ...(typeof r.NextHop === 'string' && !ON_LINK.has(r.NextHop) ? { gateway: r.NextHop } : {}),
      ...(typeof r.InterfaceAlias === 'string' ? { interface: r.InterfaceAlias } : {}),
      ...(effectiveMetric(r) !== undefined ? { metric: effectiveMetric(r)! } : {}),
    }));
}

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const DEFAULT_ROW = new RegExp(String.raw`^\s*0\.0\.0\.0\s+0\.0\.0\.0\s+(.+?)\s+(${IPV4})\s+(\d+)\s*$`);

/**
 * Default routes from `route print` in any display language: the gateway column is an address or a localized
 * "on-link" word; the interface column is the local address (matched to an adapter by its IPv4).
 */
export function parseRoutePrintDefaults(output: string): Route[] {
  const routes: Route[] = [];
  let persistentSection = false;
  for (const line of output.split(/\r?\n/)) {
    // After the active table, "Persistent Routes" rows repeat configured routes with a different layout.
    if (/^\S.*:\s*$/.test(line) && routes.length > 0) persistentSection = true;
    if (persistentSection) continue;
    const match = DEFAULT_ROW.exec(line);
    if (!match) continue;
    const gateway = match[1]!.trim();
    routes.push({
      destination: '0.0.0.0/0',
      ...(isIP(gateway) === 4 ? { gateway } : {}),
      source: match[2]!,
      metric: Number(match[3]),
    });
  }
  return routes;
}
