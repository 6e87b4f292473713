// Proxy settings from environment variables, read the way Chromium reads them on Linux
// (ProxyConfigServiceLinux::Delegate::GetConfigFromEnv), so the CLI honours them as a browser would:
//  - each name is looked up in lower case first, then in upper case (base::Environment's fallback);
//  - auto_proxy names a PAC script; all_proxy wins over http_proxy/https_proxy; http_proxy is NOT used for
//    https URLs; SOCKS_SERVER (+ SOCKS_VERSION=4) is the last resort;
//  - no_proxy uses suffix matching ("example.com" = "*example.com"); no_proxy alone means "direct".
// Pure: the environment is a parameter.
import { parseBypassRules } from './bypass-rules.js';
import type { ProxyConfig } from './proxy-config.js';
import { parseProxyServer, type ProxyRules } from './proxy-server.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The variables this module reads (for evidence: which ones were set). */
export const PROXY_ENV_NAMES = ['auto_proxy', 'all_proxy', 'http_proxy', 'https_proxy', 'SOCKS_SERVER', 'SOCKS_VERSION', 'no_proxy'];

function getVar(env: Env, name: string): string | undefined {
  const direct = env[name];
  if (direct !== undefined && direct !== '') return direct;
  const other = name === name.toLowerCase() ? name.toUpperCase() : name.toLowerCase();
  const fallback = env[other];
  return fallback !== undefined && fallback !== '' ? fallback : undefined;
}

/** Names of proxy variables present in `env` (values are not evidence: they may hold passwords). */
export function proxyEnvNamesSet(env: Env): string[] {
  const names = new Set<string>();
  for (const name of PROXY_ENV_NAMES) {
    for (const variant of [name, name.toUpperCase(), name.toLowerCase()]) {
      if (env[variant] !== undefined && env[variant] !== '') names.add(variant);
    }
  }
  return [...names];
}

/** The configuration the environment asks for; null when it asks for nothing (no proxy variable set). */
export function proxyConfigFromEnv(env: Env): ProxyConfig | null {
  const noProxy = getVar(env, 'no_proxy') ?? '';
  const bypass = parseBypassRules(noProxy, { suffixMatching: true });

  const autoProxy = getVar(env, 'auto_proxy');
  if (autoProxy) return { source: 'env', mode: 'pac', rules: {}, bypass, pacUrl: autoProxy };

  const rules: ProxyRules = {};
  const all = getVar(env, 'all_proxy');
  const allServer = all ? parseProxyServer(all, 'http') : null;
  if (allServer) {
    rules.all = allServer;
  } else {
    const http = getVar(env, 'http_proxy');
    const https = getVar(env, 'https_proxy');
    const httpServer = http ? parseProxyServer(http, 'http') : null;
    const httpsServer = https ? parseProxyServer(https, 'http') : null;
    if (httpServer) rules.http = httpServer;
    if (httpsServer) rules.https = httpsServer;
  }
  if (!rules.all && !rules.http && !rules.https) {
    const socks = getVar(env, 'SOCKS_SERVER');
    const version = getVar(env, 'SOCKS_VERSION');
    const socksServer = socks ? parseProxyServer(socks, version === '4' ? 'socks4' : 'socks5') : null;
    if (socksServer) rules.all = socksServer;
  }
  if (!rules.all && !rules.http && !rules.https) {
    return noProxy ? { source: 'env', mode: 'direct', rules: {}, bypass } : null;
  }
  return { source: 'env', mode: 'manual', rules, bypass };
}
