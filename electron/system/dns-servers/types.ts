// What every DNS-server adapter returns: where the setting was read, for which interface, and the servers.

export interface DnsServerEntry {
  /** The tool or file it was read from: resolv.conf, resolvectl, nmcli, scutil, Get-DnsClientServerAddress. */
  source: string;
  /** The network interface the servers belong to; absent for global settings. */
  interface?: string;
  /** Only names under this domain go to these servers (split DNS, e.g. a VPN's); absent for the default servers. */
  domain?: string;
  /** Server addresses as the OS reports them (an IPv6 link-local one keeps its `%zone`). */
  servers: string[];
}
