// macOS routes with `route -n get`, whose output is not localized:
//      route to: default
//   destination: default
//       gateway: 192.168.1.1
//     interface: en0
// Pure argv builder and parser.
import { isIP } from 'node:net';
import type { Route } from './route.js';

/** `route -n get default` or `route -n get <address>` (the kernel's choice, split-tunnel routes included). */
export function macosRouteGetArgv(target: 'default' | string, family: 4 | 6 = 4): string[] {
  if (target !== 'default' && isIP(target) === 0) throw new Error(`not an IP address: ${target}`);
  const inet = target === 'default' ? (family === 6 ? '-inet6' : '-inet') : isIP(target) === 6 ? '-inet6' : '-inet';
  return ['route', '-n', 'get', inet, target];
}

/** The route `route -n get` prints; null when it printed none ("not in table"). */
export function parseMacosRouteGet(output: string): Route | null {
  const fields = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^\s*([a-z ]+):\s*(.*?)\s*$/.exec(line);
    if (match) fields.set(match[1]!.trim(), match[2]!);
  }
  const destination = fields.get('destination');
  const iface = fields.get('interface');
  if (!destination && !iface) return null;
  const gateway = fields.get('gateway');
  const mask = fields.get('mask');
  return {
    destination: destination === 'default' || !mask || mask === 'default' ? (destination ?? 'default') : `${destination}/${mask}`,
    // A gateway that is a link address ("link#17") or the interface itself means on-link.
    ...(gateway && isIP(gateway.replace(/%.*$/, '')) !== 0 ? { gateway } : {}),
    ...(iface ? { interface: iface } : {}),
  };
}
