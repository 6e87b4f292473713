// Reads the proxy settings in effect on this machine and decides, per URL, whether a browser would go direct or
// through a proxy. Which setting wins:
//  1. in the app, the browser's own resolver (Electron's session.resolveProxy via resolver-hook.ts);
//  2. the process's proxy environment variables (what the CLI was told explicitly, and what Chromium uses on
//     Linux desktops without a proxy setting store);
//  3. the OS setting: GNOME gsettings (on GNOME-family desktops, as Chromium does), macOS `scutil --proxy`,
//     Windows' Internet Settings registry key.
import { runCommand, type Runner } from '../run-command.js';
import { memoizePerSweep } from '../network/per-sweep.js';
import { proxyConfigFromEnv, proxyEnvNamesSet, type Env } from './env-proxy.js';
import { gsettingsProxyArgv, parseGsettingsProxy } from './gsettings.js';
import { decideProxy, describeProxyConfig, type ProxyConfig, type ProxyDecision, type ProxySource } from './proxy-config.js';
import { resolveWithBrowser, type SystemProxyResolver } from './resolver-hook.js';
import { parseScutilProxy, scutilProxyArgv } from './scutil.js';
import { parseRegistryProxy, registryProxyArgv } from './windows-registry.js';

export interface SourceReading {
  source: ProxySource;
  config: ProxyConfig | null;
  error?: string;
  durationMs?: number;
}

export interface ProxyReading {
  /** Every source read, in precedence order (evidence). */
  sources: SourceReading[];
  /** The configuration plain-Node probes follow (null: nothing configured anywhere: direct). */
  effective: ProxyConfig | null;
  /** Names of proxy environment variables that are set (never their values). */
  envNames: string[];
}

export interface ProxyReadOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  platform?: NodeJS.Platform;
  env?: Env;
  run?: Runner;
}

/** Chromium reads gsettings only on these desktops (base::nix::GetDesktopEnvironment). */
const GNOME_FAMILY = /gnome|unity|cinnamon|pantheon|budgie|deepin|ukui|x-cinnamon|pop/i;

function osSource(platform: NodeJS.Platform, env: Env): { source: ProxySource; argv: string[]; parse: (out: string) => ProxyConfig | null } | null {
  if (platform === 'darwin') return { source: 'scutil', argv: scutilProxyArgv(), parse: parseScutilProxy };
  if (platform === 'win32') return { source: 'registry', argv: registryProxyArgv(), parse: parseRegistryProxy };
  if (platform === 'linux' && GNOME_FAMILY.test(env.XDG_CURRENT_DESKTOP ?? env.DESKTOP_SESSION ?? '')) {
    return { source: 'gsettings', argv: gsettingsProxyArgv(), parse: parseGsettingsProxy };
  }
  return null;
}

export async function readProxySettings(options: ProxyReadOptions): Promise<ProxyReading> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runCommand;
  const sources: SourceReading[] = [];

  const fromEnv = proxyConfigFromEnv(env);
  sources.push({ source: 'env', config: fromEnv });

  const os = osSource(platform, env);
  if (os) {
    try {
      const result = await run(os.argv, { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
      sources.push({ source: os.source, config: os.parse(result.stdout), durationMs: result.durationMs });
    } catch (error) {
      sources.push({ source: os.source, config: null, error: (error as Error).message });
    }
  }
  const effective = sources.find((s) => s.config !== null)?.config ?? null;
  return { sources, effective, envNames: proxyEnvNamesSet(env) };
}

/** One reading per sweep (key: the sweep's AbortSignal), shared by every check that needs it. */
export const readProxySettingsForSweep = memoizePerSweep(readProxySettings);

export type ResolvedDecision = ProxyDecision & {
  /** Who decided: a settings source, or the browser's resolver. */
  decidedBy: ProxySource;
};

/** The decision for one URL: the browser's resolver when installed, else the effective configuration. */
export async function decideForUrl(
  reading: ProxyReading,
  url: string,
  options: { timeoutMs: number; resolver?: SystemProxyResolver | null },
): Promise<ResolvedDecision> {
  const fromBrowser = await resolveWithBrowser(url, options.timeoutMs, options.resolver);
  if (fromBrowser) {
    const first = fromBrowser.entries[0];
    if (first?.kind === 'proxy') return { kind: 'proxy', server: first.server, decidedBy: 'electron' };
    if (first?.kind === 'direct') return { kind: 'direct', reason: 'no-proxy', decidedBy: 'electron' };
  }
  if (!reading.effective) return { kind: 'direct', reason: 'no-proxy', decidedBy: 'env' };
  return { ...decideProxy(reading.effective, new URL(url)), decidedBy: reading.effective.source };
}

interface SweepDecision {
  reading: ProxyReading;
  resolver: SystemProxyResolver | null | undefined;
  decision: Promise<ResolvedDecision>;
}

const sweepDecisions = new WeakMap<object, Map<string, SweepDecision>>();

/**
 * `decideForUrl` once per sweep and URL (key: the sweep's AbortSignal): the targets, retry, connection and
 * vpn-proxy checks all ask for the same URLs, and in the app each answer is a round trip to the main process.
 * A caller with another reading or resolver (tests) gets its own answer, uncached.
 */
export function decideForUrlInSweep(
  sweep: object,
  reading: ProxyReading,
  url: string,
  options: { timeoutMs: number; resolver?: SystemProxyResolver | null },
): Promise<ResolvedDecision> {
  let decisions = sweepDecisions.get(sweep);
  if (!decisions) {
    decisions = new Map();
    sweepDecisions.set(sweep, decisions);
  }
  const known = decisions.get(url);
  if (known) {
    if (known.reading === reading && known.resolver === options.resolver) return known.decision;
    return decideForUrl(reading, url, options);
  }
  const decision = decideForUrl(reading, url, options);
  decisions.set(url, { reading, resolver: options.resolver, decision });
  return decision;
}

/** The reading as evidence (no credentials, no environment values). */
export function describeProxyReading(reading: ProxyReading): Record<string, unknown> {
  return {
    ...(reading.effective ? { effective: describeProxyConfig(reading.effective) } : { effective: null }),
    sources: reading.sources.map((s) => ({
      source: s.source,
      ...(s.config ? { mode: s.config.mode } : { mode: s.error ? 'unreadable' : 'not set' }),
      ...(s.error ? { error: s.error } : {}),
      ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
    })),
    ...(reading.envNames.length > 0 ? { envVariables: reading.envNames } : {}),
  };
}
