// macOS backend: `networksetup -setdnsservers <service> …` on the network service(s) whose device carries the
// default route; `empty` gives the service back to DHCP. A service's list holds IPv4 and IPv6 servers together.
// networksetup needs administrator rights to change anything: the executor elevates the change (osascript).
import { isIPv4, isIPv6 } from '../../common/spec.js';
import { hasControlChars, type FamilyDns, type InterfaceDns } from '../../common/dns-schema.js';
import type { Run } from './nmcli.js';
import type { BackendState, DnsBackend, Operation, SavedConfigOf } from './types.js';

export type MacosSaved = SavedConfigOf<'macos'>;

const NETWORKSETUP = '/usr/sbin/networksetup';
const DEVICE = /^[A-Za-z0-9]{1,16}$/;

function checkService(name: string): string {
  // Names come from the machine's own list; still, nothing that could end an argument or start an option.
  if (name === '' || name.length > 128 || hasControlChars(name) || name.startsWith('-')) {
    throw new Error(`not a network service name: "${name}"`);
  }
  return name;
}

// ---------- argv builders ----------

export const listAllServicesArgv = (): string[] => [NETWORKSETUP, '-listallnetworkservices'];
export const listServiceOrderArgv = (): string[] => [NETWORKSETUP, '-listnetworkserviceorder'];
export const getDnsServersArgv = (service: string): string[] => [NETWORKSETUP, '-getdnsservers', checkService(service)];
export const defaultRouteArgv = (family: 4 | 6): string[] =>
  family === 4 ? ['/sbin/route', '-n', 'get', 'default'] : ['/sbin/route', '-n', 'get', '-inet6', 'default'];

export function setDnsServersArgv(service: string, servers: readonly string[]): string[] {
  for (const server of servers) {
    if (!isIPv4(server) && !isIPv6(server)) throw new Error(`not an IP address: "${server}"`);
  }
  return [NETWORKSETUP, '-setdnsservers', checkService(service), ...(servers.length > 0 ? servers : ['empty'])];
}

export const MACOS_FLUSH: Operation[] = [
  { kind: 'exec', argv: ['/usr/bin/dscacheutil', '-flushcache'], optional: true },
  { kind: 'exec', argv: ['/usr/bin/killall', '-HUP', 'mDNSResponder'], optional: true },
];

// ---------- parsers ----------

export interface MacService {
  name: string;
  enabled: boolean;
}

/** `-listallnetworkservices`: a note line, then one service per line, "*" before a disabled one. */
export function parseAllServices(output: string): MacService[] {
  return output
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !/^An asterisk \(\*\) denotes/.test(line))
    .map((line) => (line.startsWith('*') ? { name: line.slice(1), enabled: false } : { name: line, enabled: true }));
}

/** `-listnetworkserviceorder`: "(1) Wi-Fi" then "(Hardware Port: Wi-Fi, Device: en0)"; "(*)" marks a disabled one. */
export function parseServiceOrder(output: string): Map<string, string> {
  const devices = new Map<string, string>();
  let service: string | null = null;
  for (const line of output.split(/\r?\n/)) {
    const head = /^\((?:\d+|\*)\)\s(.*)$/.exec(line);
    if (head) {
      service = head[1]!;
      continue;
    }
    const port = /^\(Hardware Port: .*, Device: ([^)]*)\)\s*$/.exec(line);
    if (port && service !== null) {
      if (DEVICE.test(port[1]!)) devices.set(service, port[1]!);
      service = null;
    }
  }
  return devices;
}

/** `-getdnsservers`: one address per line, or "There aren't any DNS Servers set on <service>." when automatic. */
export function parseGetDnsServers(output: string): string[] {
  if (/There aren't any DNS Servers set/i.test(output)) return [];
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => isIPv4(line) || isIPv6(line));
}

/** `route -n get default`: the "interface:" line names the device (none when there is no default route). */
export function parseRouteInterface(output: string): string | null {
  const match = /^\s*interface:\s*(\S+)\s*$/m.exec(output);
  return match && DEVICE.test(match[1]!) ? match[1]! : null;
}

export interface MacServiceDetails {
  service: MacService;
  device?: string;
  servers: string[];
}

export function macosState(services: MacServiceDetails[], defaultDevices: string[]): BackendState<MacosSaved> {
  const interfaces: InterfaceDns[] = services.map(({ service, device, servers }) => {
    const mode: FamilyDns['mode'] = servers.length > 0 ? 'static' : 'automatic';
    return {
      name: service.name,
      ...(device ? { device } : {}),
      primary: service.enabled && device !== undefined && defaultDevices.includes(device),
      ipv4: { mode, servers: servers.filter((s) => isIPv4(s)) },
      ipv6: { mode, servers: servers.filter((s) => isIPv6(s)) },
    };
  });
  return { interfaces, saved: { kind: 'macos', services: services.map((s) => ({ name: s.service.name, servers: s.servers })) } };
}

export function macosPlanApply(saved: MacosSaved, names: string[], servers: string[]): Operation[] {
  return saved.services
    .filter((s) => names.includes(s.name))
    .map((s): Operation => ({ kind: 'exec', argv: setDnsServersArgv(s.name, servers) }));
}

export function macosPlanRestore(saved: MacosSaved): Operation[] {
  return saved.services.map((s): Operation => ({ kind: 'exec', argv: setDnsServersArgv(s.name, s.servers) }));
}

export function macosBackend(run: Run): DnsBackend<MacosSaved> {
  return {
    id: 'macos',
    label: 'macOS network services',
    async read() {
      const services = parseAllServices(await run(listAllServicesArgv()));
      const devices = parseServiceOrder(await run(listServiceOrderArgv()));
      const defaults: string[] = [];
      for (const family of [4, 6] as const) {
        // No default route for a family makes route(8) fail: that family adds nothing.
        const device = await run(defaultRouteArgv(family)).then(parseRouteInterface, () => null);
        if (device && !defaults.includes(device)) defaults.push(device);
      }
      const details: MacServiceDetails[] = [];
      for (const service of services) {
        const device = devices.get(service.name);
        details.push({ service, ...(device ? { device } : {}), servers: parseGetDnsServers(await run(getDnsServersArgv(service.name))) });
      }
      return macosState(details, defaults);
    },
    planApply: (state, names, servers) => ({ operations: macosPlanApply(state.saved, names, servers), warnings: [] }),
    planRestore: macosPlanRestore,
    planFlush: () => MACOS_FLUSH,
  };
}
