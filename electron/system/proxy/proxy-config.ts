// One proxy configuration, whatever it was read from, and the decision a browser makes with it for one URL.
// Pure: no I/O.
import { bypassesProxy, NO_BYPASS, type BypassRules } from './bypass-rules.js';
import { describeProxyServer, type ProxyRules, type ProxyServer } from './proxy-server.js';

/** Where a setting comes from (ProxyFacts.source): environment, GNOME, macOS, Windows, or Electron's session. */
export type ProxySource = 'env' | 'gsettings' | 'scutil' | 'registry' | 'electron';

export interface ProxyConfig {
  source: ProxySource;
  /** Fixed servers (`rules`), a PAC script (`pacUrl`), WPAD auto-detection, or explicitly none. */
  mode: 'direct' | 'manual' | 'pac' | 'auto-detect';
  rules: ProxyRules;
  bypass: BypassRules;
  pacUrl?: string;
}

export type ProxyDecision =
  | { kind: 'direct'; reason: 'no-proxy' | 'bypass' | 'no-rule-for-scheme' }
  | { kind: 'proxy'; server: ProxyServer }
  /** A PAC script or WPAD decides: only the browser's own resolver (Electron's hook) can tell. */
  | { kind: 'script'; pacUrl?: string };

/** What Chromium does for `url` under `config` (ProxyConfig::ProxyRules::Apply). */
export function decideProxy(config: ProxyConfig, url: URL): ProxyDecision {
  if (config.mode === 'direct') return { kind: 'direct', reason: 'no-proxy' };
  if (config.mode === 'pac' || config.mode === 'auto-detect') {
    return config.pacUrl ? { kind: 'script', pacUrl: config.pacUrl } : { kind: 'script' };
  }
  if (bypassesProxy(config.bypass, url)) return { kind: 'direct', reason: 'bypass' };
  const { rules } = config;
  const server =
    rules.all ?? (url.protocol === 'https:' ? rules.https : url.protocol === 'http:' ? rules.http : undefined) ?? rules.socks;
  return server ? { kind: 'proxy', server } : { kind: 'direct', reason: 'no-rule-for-scheme' };
}

export function hasAnyRule(rules: ProxyRules): boolean {
  return Boolean(rules.all ?? rules.http ?? rules.https ?? rules.socks);
}

export function directConfig(source: ProxySource): ProxyConfig {
  return { source, mode: 'direct', rules: {}, bypass: NO_BYPASS };
}

/** The configuration as evidence: servers without credentials, the bypass list as written. */
export function describeProxyConfig(config: ProxyConfig): Record<string, unknown> {
  const servers: Record<string, string> = {};
  for (const [key, server] of Object.entries(config.rules) as [string, ProxyServer | undefined][]) {
    if (server) servers[key] = describeProxyServer(server);
  }
  return {
    source: config.source,
    mode: config.mode,
    ...(Object.keys(servers).length > 0 ? { servers } : {}),
    ...(config.pacUrl ? { pacUrl: redactUrl(config.pacUrl) } : {}),
    ...(config.bypass.entries.length > 0 ? { bypass: config.bypass.entries } : {}),
    ...(config.bypass.implicit ? {} : { loopbackThroughProxy: true }),
  };
}

/** A URL without user:password and query (PAC URLs sometimes carry tokens). */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    if (url.search) url.search = '?…';
    return url.toString();
  } catch {
    return '(malformed URL)';
  }
}
