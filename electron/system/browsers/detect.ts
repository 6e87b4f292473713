// Which browsers are installed, read-only: a pure lookup over an injectable `exists(path)` (tests pass a set of
// paths; the default only stats files). Nothing is launched or modified.
import { accessSync, constants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KNOWN_BROWSERS, type BrowserId, type KnownBrowser } from './known-browsers.js';

export interface InstalledBrowser {
  id: BrowserId;
  name: string;
  /** The path that proved it (executable, .app bundle or Flatpak app directory). */
  path: string;
  via: 'path' | 'flatpak' | 'snap' | 'app' | 'install-dir';
}

export interface DetectOptions {
  platform: NodeJS.Platform;
  /** Whether a file or directory exists (and, for PATH lookups, is executable). */
  exists: (candidate: string) => boolean;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

function linuxCandidates(browser: KnownBrowser, options: DetectOptions): { path: string; via: InstalledBrowser['via'] }[] {
  const dirs = (options.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter((d) => path.posix.isAbsolute(d));
  const out: { path: string; via: InstalledBrowser['via'] }[] = [];
  for (const command of browser.linux.commands) {
    for (const dir of dirs) out.push({ path: path.posix.join(dir, command), via: 'path' });
  }
  for (const name of browser.linux.snap) out.push({ path: path.posix.join('/snap/bin', name), via: 'snap' });
  for (const id of browser.linux.flatpak) {
    out.push({ path: path.posix.join('/var/lib/flatpak/app', id), via: 'flatpak' });
    out.push({ path: path.posix.join(options.home, '.local/share/flatpak/app', id), via: 'flatpak' });
  }
  return out;
}

function macosCandidates(browser: KnownBrowser, options: DetectOptions): { path: string; via: InstalledBrowser['via'] }[] {
  return browser.macosApps.flatMap((app) => [
    { path: path.posix.join('/Applications', app), via: 'app' as const },
    { path: path.posix.join(options.home, 'Applications', app), via: 'app' as const },
  ]);
}

function windowsCandidates(browser: KnownBrowser, options: DetectOptions): { path: string; via: InstalledBrowser['via'] }[] {
  const roots: Record<string, string | undefined> = {
    '{ProgramFiles}': options.env.ProgramFiles ?? options.env.PROGRAMFILES ?? 'C:\\Program Files',
    '{ProgramFiles(x86)}': options.env['ProgramFiles(x86)'] ?? options.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
    '{LocalAppData}': options.env.LOCALAPPDATA ?? options.env.LocalAppData ?? path.win32.join(options.home, 'AppData', 'Local'),
  };
  const out: { path: string; via: InstalledBrowser['via'] }[] = [];
  for (const template of browser.windowsPaths) {
    const root = Object.keys(roots).find((key) => template.startsWith(key));
    if (!root || !roots[root]) continue;
    out.push({ path: path.win32.join(roots[root]!, template.slice(root.length)), via: 'install-dir' });
  }
  return out;
}

/** Pure: the known browsers whose install paths exist, in KNOWN_BROWSERS order. */
export function detectBrowsers(options: DetectOptions): InstalledBrowser[] {
  const found: InstalledBrowser[] = [];
  for (const browser of KNOWN_BROWSERS) {
    const candidates =
      options.platform === 'darwin'
        ? macosCandidates(browser, options)
        : options.platform === 'win32'
          ? windowsCandidates(browser, options)
          : linuxCandidates(browser, options);
    const hit = candidates.find((c) => options.exists(c.path));
    if (hit) found.push({ id: browser.id, name: browser.name, path: hit.path, via: hit.via });
  }
  return found;
}

/** The real file system, read-only: executables must be executable, bundles and app dirs must exist. */
export function fileExists(candidate: string): boolean {
  try {
    const stats = statSync(candidate);
    if (stats.isDirectory()) return true;
    if (process.platform !== 'win32') accessSync(candidate, constants.X_OK);
    return stats.isFile();
  } catch {
    return false;
  }
}

export function detectInstalledBrowsers(): InstalledBrowser[] {
  return detectBrowsers({ platform: process.platform, exists: fileExists, env: process.env, home: os.homedir() });
}
