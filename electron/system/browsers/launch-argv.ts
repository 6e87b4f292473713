// What each browser accepts on its command line, and the argv that opens the service in it (normally, in a private
// window, or its extensions page) on each OS. Pure: validated data in, an argv array out (never a shell string).
//
// Where the flags come from:
//  - Chromium family: `--incognito` (Chrome, Chromium, Brave, Vivaldi), `--inprivate` (Edge: tldr-pages
//    pages/windows/msedge.md "Open in InPrivate mode"), `--private` (Opera: "more or less the same arguments as
//    Chromium, apart from --private in place of --incognito", madebits/madebits.github.io
//    blog/2016/2016-12-19-Opera-On-Ubuntu.md; SimonSchubert/LinuxCommandLibrary assets/commands/opera.md).
//  - No Chromium browser opens its extensions page from the command line: startup::ValidateUrl
//    (chromium/chromium chrome/browser/ui/startup/url_util.cc) keeps only web-safe schemes, file:, about:blank and
//    the reset-settings page outside ChromeOS (and chrome:// in headless mode only), so `chrome://extensions`
//    (and its edge://, brave://, opera://, vivaldi:// aliases) is dropped. The person types it instead.
//  - Firefox: `-private-window URL` takes the address as its value (BrowserContentHandler's
//    handleFlagWithParam("private-window"); sindresorhus/open#275: the URL must follow the flag), and any URL but
//    chrome: is accepted from the command line (shouldLoadURI refuses chrome: only), so `about:addons` opens.
//  - Safari has no command-line switch for a private window; `open -a Safari URL` opens a normal one.
//  - macOS: `open -a App URL` hands the address to the running app; arguments need `--args`, which a running app
//    ignores unless `-n` starts a new instance, which then passes them to the running one (Chromium's process
//    singleton; Firefox's remote service): `open -na "Google Chrome" --args --incognito URL`
//    (sindresorhus/open#41, darktrojan/openwith#27), `open -na Firefox --args -private-window URL`
//    (pqrs-org/Karabiner-Elements#3947, sindresorhus/open#281).
import path from 'node:path';
import type { BrowserOpenMode } from '../../common/browser-schema.js';
import type { InstalledBrowser } from './detect.js';
import { KNOWN_BROWSERS, type BrowserId, type KnownBrowser } from './known-browsers.js';

/** The flag that opens a private window, or null when the browser has none on its command line. */
const PRIVATE_FLAG: Record<BrowserId, string | null> = {
  chrome: '--incognito',
  chromium: '--incognito',
  brave: '--incognito',
  vivaldi: '--incognito',
  edge: '--inprivate',
  opera: '--private',
  firefox: '-private-window',
  safari: null,
};

/** The extensions page the browser opens when it is given on its command line, or null. */
const EXTENSIONS_ARGUMENT: Record<BrowserId, string | null> = {
  chrome: null,
  chromium: null,
  brave: null,
  vivaldi: null,
  edge: null,
  opera: null,
  firefox: 'about:addons',
  safari: null,
};

export const MAC_OPEN = '/usr/bin/open';

export interface BrowserCapabilities {
  open: boolean;
  private: boolean;
  extensionsPage: boolean;
}

export function knownBrowser(id: BrowserId): KnownBrowser {
  const known = KNOWN_BROWSERS.find((b) => b.id === id);
  if (!known) throw new Error(`unknown browser ${id}`);
  return known;
}

export function browserCapabilities(id: BrowserId): BrowserCapabilities {
  return { open: true, private: PRIVATE_FLAG[id] !== null, extensionsPage: EXTENSIONS_ARGUMENT[id] !== null };
}

/** How the person does by hand what the app cannot do for them (one sentence each). */
export function manualInstructions(id: BrowserId, platform: NodeJS.Platform): { private?: string; extensionsPage?: string } {
  const known = knownBrowser(id);
  const shortcut = platform === 'darwin' ? known.privateWindowShortcut.mac : known.privateWindowShortcut.other;
  const out: { private?: string; extensionsPage?: string } = {};
  if (PRIVATE_FLAG[id] === null) {
    out.private = `${known.name} cannot be asked by another app to open a private window: in ${known.name}, press ${shortcut} (or choose File → New ${known.privateWindowName}).`;
  }
  if (EXTENSIONS_ARGUMENT[id] === null) {
    out.extensionsPage =
      known.engine === 'chromium'
        ? `${known.name} opens its extensions page only from its own address bar: type ${known.extensionsPage} there and press Enter.`
        : `${known.name}'s extensions are in ${known.extensionsPage}.`;
  }
  return out;
}

export type LaunchPlan = { ok: true; argv: string[]; url: string } | { ok: false; reason: string };

/** Only http(s) addresses without credentials ever reach a browser's command line (they cannot read as a flag). */
function webAddress(url: string): string | null {
  try {
    const parsed = new URL(url);
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) return null;
    return parsed.href;
  } catch {
    return null;
  }
}

/** The browser's own arguments for a mode (before the OS wrapper), and what they open. */
function browserArguments(id: BrowserId, mode: BrowserOpenMode, url: string): { args: string[]; opens: string } | null {
  if (mode === 'normal') return { args: [url], opens: url };
  if (mode === 'private') {
    const flag = PRIVATE_FLAG[id];
    return flag === null ? null : { args: [flag, url], opens: url };
  }
  const page = EXTENSIONS_ARGUMENT[id];
  return page === null ? null : { args: [page], opens: page };
}

/**
 * The argv that opens `url` (the profile's first target) in `browser` in `mode`, or why it cannot be done. macOS
 * goes through `open`; Windows runs the executable found; Linux the command, Snap wrapper or Flatpak app found.
 */
export function launchArgv(browser: InstalledBrowser, mode: BrowserOpenMode, url: string, platform: NodeJS.Platform): LaunchPlan {
  const address = webAddress(url);
  if (address === null) return { ok: false, reason: 'Only web addresses (http or https) can be opened in a browser.' };
  const built = browserArguments(browser.id, mode, address);
  if (built === null) {
    const manual = manualInstructions(browser.id, platform);
    return { ok: false, reason: (mode === 'private' ? manual.private : manual.extensionsPage) ?? 'This browser cannot do that.' };
  }
  if (platform === 'darwin') {
    // A plain address goes to the running app as a document; anything else needs a new instance to carry it.
    const argv = mode === 'normal' ? [MAC_OPEN, '-a', browser.path, address] : [MAC_OPEN, '-n', '-a', browser.path, '--args', ...built.args];
    return { ok: true, argv, url: built.opens };
  }
  if (browser.via === 'flatpak') {
    // detect.ts proves a Flatpak install by its app directory, named after the app id.
    const appId = path.posix.basename(browser.path.replace(/\\/g, '/'));
    if (!/^[A-Za-z0-9_.-]+$/.test(appId)) return { ok: false, reason: `${browser.name} was found in an unexpected place and cannot be started from here.` };
    return { ok: true, argv: ['flatpak', 'run', appId, ...built.args], url: built.opens };
  }
  return { ok: true, argv: [browser.path, ...built.args], url: built.opens };
}
