// Where each browser keeps its user profiles, per OS and per packaging (native, Snap, Flatpak). Pure: the folders
// to look in; the inventory reads whichever exist. From the browsers' own documentation of their user data
// folders (chromium/chromium docs/user_data_dir.md; Opera keeps its single profile in the folder itself) and
// Firefox's profiles.ini locations (osquery/osquery osquery/tables/applications/browser_firefox.cpp lists the same).
import path from 'node:path';
import type { BrowserId } from './known-browsers.js';

export interface ProfileRoot {
  kind: 'chromium' | 'firefox';
  /** Chromium: the "User Data" folder (profiles are sub-folders); Firefox: the folder holding profiles.ini. */
  dir: string;
  /** Opera keeps one profile in the root folder itself. */
  singleProfile?: boolean;
}

export interface ProfileDirOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

/** Linux config folder names under ~/.config (Chromium follows XDG_CONFIG_HOME), with Snap and Flatpak twins. */
const LINUX_CHROMIUM: Partial<Record<BrowserId, { config: string; flatpak?: string; snap?: string }>> = {
  chrome: { config: 'google-chrome', flatpak: 'com.google.Chrome' },
  chromium: { config: 'chromium', flatpak: 'org.chromium.Chromium', snap: 'chromium' },
  edge: { config: 'microsoft-edge', flatpak: 'com.microsoft.Edge' },
  brave: { config: 'BraveSoftware/Brave-Browser', flatpak: 'com.brave.Browser', snap: 'brave' },
  opera: { config: 'opera', flatpak: 'com.opera.Opera', snap: 'opera' },
  vivaldi: { config: 'vivaldi', flatpak: 'com.vivaldi.Vivaldi' },
};

const MAC_CHROMIUM: Partial<Record<BrowserId, string>> = {
  chrome: 'Google/Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'BraveSoftware/Brave-Browser',
  opera: 'com.operasoftware.Opera',
  vivaldi: 'Vivaldi',
};

const WINDOWS_CHROMIUM: Partial<Record<BrowserId, string>> = {
  chrome: 'Google\\Chrome\\User Data',
  chromium: 'Chromium\\User Data',
  edge: 'Microsoft\\Edge\\User Data',
  brave: 'BraveSoftware\\Brave-Browser\\User Data',
  vivaldi: 'Vivaldi\\User Data',
};

function linuxConfigHome(options: ProfileDirOptions): string {
  const xdg = options.env.XDG_CONFIG_HOME;
  return xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(options.home, '.config');
}

function chromiumRoots(id: BrowserId, options: ProfileDirOptions): ProfileRoot[] {
  const single = id === 'opera';
  const root = (dir: string): ProfileRoot => ({ kind: 'chromium', dir, ...(single ? { singleProfile: true } : {}) });
  if (options.platform === 'darwin') {
    const sub = MAC_CHROMIUM[id];
    return sub ? [root(path.posix.join(options.home, 'Library', 'Application Support', sub))] : [];
  }
  if (options.platform === 'win32') {
    if (id === 'opera') {
      const appData = options.env.APPDATA || path.win32.join(options.home, 'AppData', 'Roaming');
      return [root(path.win32.join(appData, 'Opera Software', 'Opera Stable'))];
    }
    const sub = WINDOWS_CHROMIUM[id];
    const local = options.env.LOCALAPPDATA || path.win32.join(options.home, 'AppData', 'Local');
    return sub ? [root(path.win32.join(local, sub))] : [];
  }
  const linux = LINUX_CHROMIUM[id];
  if (!linux) return [];
  const out = [root(path.posix.join(linuxConfigHome(options), linux.config))];
  if (linux.flatpak) out.push(root(path.posix.join(options.home, '.var', 'app', linux.flatpak, 'config', linux.config)));
  if (linux.snap) {
    // The Chromium snap keeps its profile under common/, the others under current/.config.
    out.push(
      root(
        id === 'chromium'
          ? path.posix.join(options.home, 'snap', 'chromium', 'common', 'chromium')
          : path.posix.join(options.home, 'snap', linux.snap, 'current', '.config', linux.config),
      ),
    );
  }
  return out;
}

function firefoxRoots(options: ProfileDirOptions): ProfileRoot[] {
  const root = (dir: string): ProfileRoot => ({ kind: 'firefox', dir });
  if (options.platform === 'darwin') return [root(path.posix.join(options.home, 'Library', 'Application Support', 'Firefox'))];
  if (options.platform === 'win32') {
    const appData = options.env.APPDATA || path.win32.join(options.home, 'AppData', 'Roaming');
    return [root(path.win32.join(appData, 'Mozilla', 'Firefox'))];
  }
  return [
    root(path.posix.join(options.home, '.mozilla', 'firefox')),
    // Newer Firefox releases on Linux follow XDG.
    root(path.posix.join(linuxConfigHome(options), 'mozilla', 'firefox')),
    root(path.posix.join(options.home, 'snap', 'firefox', 'common', '.mozilla', 'firefox')),
    root(path.posix.join(options.home, '.var', 'app', 'org.mozilla.firefox', '.mozilla', 'firefox')),
  ];
}

/** The folders that may hold this browser's profiles; Safari's extensions live in its sandbox and are not read. */
export function profileRoots(id: BrowserId, options: ProfileDirOptions): ProfileRoot[] {
  if (id === 'safari') return [];
  return id === 'firefox' ? firefoxRoots(options) : chromiumRoots(id, options);
}
