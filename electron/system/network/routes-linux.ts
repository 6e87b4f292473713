// Linux routes with iproute2's JSON output (`ip -j`), which no locale changes; plain `ip route` text as a
// fallback for iproute2 builds older than JSON support. Pure argv builders and parsers.
import { isIP } from 'node:net';
import type { Route } from './route.js';

export function linuxDefaultRoutesArgv(family: 4 | 6 = 4): string[] {
  return ['ip', '-j', family === 6 ? '-6' : '-4', 'route', 'show', 'default'];
}

/** `ip route get` resolves policy rules too (wg-quick's fwmark table), so it names the tunnel when one is used. */
export function linuxRouteGetArgv(address: string): string[] {
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${address}`);
  return ['ip', '-j', family === 6 ? '-6' : '-4', 'route', 'get', address];
}

export function linuxDefaultRoutesTextArgv(): string[] {
  return ['ip', '-4', 'route', 'show', 'default'];
}

interface IpJsonRoute {
  dst?: unknown;
  gateway?: unknown;
  dev?: unknown;
  metric?: unknown;
  prefsrc?: unknown;
  type?: unknown;
}

/** `ip -j route show|get` output → routes (unreachable/blackhole/prohibit entries carry no interface). */
export function parseIpJsonRoutes(output: string): Route[] {
  const text = output.trim();
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('ip -j did not print a JSON array');
  return (parsed as IpJsonRoute[])
    .filter((r) => r && typeof r === 'object' && (r.type === undefined || r.type === 'unicast' || r.type === 'local'))
    .map((r) => ({
      destination: typeof r.dst === 'string' ? r.dst : 'default',
      ...(typeof r.gateway === 'string' ? { gateway: r.gateway } : {}),
      ...(typeof r.dev === 'string' ? { interface: r.dev } : {}),
      ...(typeof r.metric === 'number' ? { metric: r.metric } : {}),
      ...(typeof r.prefsrc === 'string' ? { source: r.prefsrc } : {}),
    }));
}

/** `ip route show default` text: "default via 192.168.1.1 dev wlp2s0 proto dhcp src 192.168.1.20 metric 600". */
export function parseIpTextRoutes(output: string): Route[] {
  const routes: Route[] = [];
  for (const line of output.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (!words[0] || ['unreachable', 'blackhole', 'prohibit', 'throw'].includes(words[0])) continue;
    const value = (key: string): string | undefined => {
      const i = words.indexOf(key);
      return i >= 0 ? words[i + 1] : undefined;
    };
    const gateway = value('via');
    const dev = value('dev');
    const metric = value('metric');
    const src = value('src');
    routes.push({
      destination: words[0],
      ...(gateway ? { gateway } : {}),
      ...(dev ? { interface: dev } : {}),
      ...(metric && /^\d+$/.test(metric) ? { metric: Number(metric) } : {}),
      ...(src ? { source: src } : {}),
    });
  }
  return routes;
}
