// The browser's own answer: in the app, Electron's `session.resolveProxy(url)` knows everything the OS and
// Chromium know (PAC scripts, WPAD, policies). The engine never imports electron, so the host that has a session
// (main process, or the engine process relaying to it) installs a resolver here; the CLI has none.
import { parsePacResult, type PacEntry } from './proxy-server.js';

/** Resolves one URL to Chromium's PAC-style answer ("PROXY host:port; DIRECT"). */
export type SystemProxyResolver = (url: string) => Promise<string>;

let installed: SystemProxyResolver | null = null;

/** Installs (or with null removes) the browser's resolver. Called once by the Electron host. */
export function setSystemProxyResolver(resolver: SystemProxyResolver | null): void {
  installed = resolver;
}

export function hasSystemProxyResolver(): boolean {
  return installed !== null;
}

/** The browser's decision for `url`, bounded by a timeout; null when no resolver is installed or it fails. */
export async function resolveWithBrowser(url: string, timeoutMs: number, resolver = installed): Promise<{ raw: string; entries: PacEntry[] } | null> {
  if (!resolver) return null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const raw = await Promise.race([
      resolver(url),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the browser did not answer in time')), timeoutMs);
      }),
    ]);
    return { raw, entries: parsePacResult(raw) };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
