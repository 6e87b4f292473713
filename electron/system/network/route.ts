// The route model every OS adapter parses into.

export interface Route {
  /** "default", a prefix ("0.0.0.0/1") or the address asked about. */
  destination: string;
  /** Next hop; absent for on-link routes (point-to-point tunnels, "On-link"). */
  gateway?: string;
  /** Interface name (Linux/macOS) or alias (Windows "Ethernet 2"); for `route print`, the interface's address. */
  interface?: string;
  metric?: number;
  /** The local address the route uses (Linux prefsrc, Windows route print's Interface column). */
  source?: string;
}

const isIpv6Route = (route: Route): boolean => route.destination.includes(':') || (route.gateway ?? '').includes(':');

/**
 * Picks the route the OS uses among several defaults: IPv4 first (Windows lists ::/0 beside 0.0.0.0/0, and an
 * IPv6 link-local gateway cannot be probed without its scope), then the lowest metric, first on ties.
 */
export function preferredRoute(routes: readonly Route[]): Route | undefined {
  return [...routes].sort((a, b) => Number(isIpv6Route(a)) - Number(isIpv6Route(b)) || (a.metric ?? 0) - (b.metric ?? 0))[0];
}
