// The browsers Gateway Doctor knows: where each is installed per OS, and what the wizard's browser steps need
// (how to open a private window, where its extensions are listed). Data only.
import type { BrowserIdValue } from '../../common/browser-schema.js';

/** The ids the IPC contract accepts (common/browser-schema.ts is the one list). */
export type BrowserId = BrowserIdValue;

export interface KnownBrowser {
  id: BrowserId;
  name: string;
  engine: 'chromium' | 'gecko' | 'webkit';
  /** What the browser calls its private window. */
  privateWindowName: string;
  privateWindowShortcut: { mac: string; other: string };
  /** The page listing extensions (typed into the address bar), or where to find them. */
  extensionsPage: string;
  /** Linux: commands looked up on PATH, Flatpak app ids, Snap names. */
  linux: { commands: string[]; flatpak: string[]; snap: string[] };
  /** macOS: .app bundles looked up in /Applications and ~/Applications. */
  macosApps: string[];
  /** Windows: executables under {ProgramFiles}, {ProgramFiles(x86)} or {LocalAppData}. */
  windowsPaths: string[];
}

const CHROMIUM_PRIVATE = { mac: '⌘ + Shift + N', other: 'Ctrl + Shift + N' };

/** In the order the summary suggests them: the most common first. */
export const KNOWN_BROWSERS: readonly KnownBrowser[] = [
  {
    id: 'chrome',
    name: 'Google Chrome',
    engine: 'chromium',
    privateWindowName: 'Incognito window',
    privateWindowShortcut: CHROMIUM_PRIVATE,
    extensionsPage: 'chrome://extensions',
    linux: { commands: ['google-chrome', 'google-chrome-stable', 'google-chrome-beta', 'google-chrome-unstable'], flatpak: ['com.google.Chrome'], snap: [] },
    macosApps: ['Google Chrome.app'],
    windowsPaths: [
      '{ProgramFiles}\\Google\\Chrome\\Application\\chrome.exe',
      '{ProgramFiles(x86)}\\Google\\Chrome\\Application\\chrome.exe',
      '{LocalAppData}\\Google\\Chrome\\Application\\chrome.exe',
    ],
  },
  {
    id: 'edge',
    name: 'Microsoft Edge',
    engine: 'chromium',
    privateWindowName: 'InPrivate window',
    privateWindowShortcut: CHROMIUM_PRIVATE,
    extensionsPage: 'edge://extensions',
    linux: { commands: ['microsoft-edge', 'microsoft-edge-stable', 'microsoft-edge-beta', 'microsoft-edge-dev'], flatpak: ['com.microsoft.Edge'], snap: [] },
    macosApps: ['Microsoft Edge.app'],
    windowsPaths: ['{ProgramFiles(x86)}\\Microsoft\\Edge\\Application\\msedge.exe', '{ProgramFiles}\\Microsoft\\Edge\\Application\\msedge.exe'],
  },
  {
    id: 'firefox',
    name: 'Mozilla Firefox',
    engine: 'gecko',
    privateWindowName: 'private window',
    privateWindowShortcut: { mac: '⌘ + Shift + P', other: 'Ctrl + Shift + P' },
    extensionsPage: 'about:addons',
    linux: { commands: ['firefox', 'firefox-esr'], flatpak: ['org.mozilla.firefox'], snap: ['firefox'] },
    macosApps: ['Firefox.app'],
    windowsPaths: [
      '{ProgramFiles}\\Mozilla Firefox\\firefox.exe',
      '{ProgramFiles(x86)}\\Mozilla Firefox\\firefox.exe',
      '{LocalAppData}\\Mozilla Firefox\\firefox.exe',
    ],
  },
  {
    id: 'safari',
    name: 'Safari',
    engine: 'webkit',
    privateWindowName: 'Private Window',
    privateWindowShortcut: { mac: '⌘ + Shift + N', other: '⌘ + Shift + N' },
    extensionsPage: 'Safari → Settings → Extensions',
    linux: { commands: [], flatpak: [], snap: [] },
    macosApps: ['Safari.app'],
    windowsPaths: [],
  },
  {
    id: 'brave',
    name: 'Brave',
    engine: 'chromium',
    privateWindowName: 'private window',
    privateWindowShortcut: CHROMIUM_PRIVATE,
    extensionsPage: 'brave://extensions',
    linux: { commands: ['brave-browser', 'brave', 'brave-browser-stable'], flatpak: ['com.brave.Browser'], snap: ['brave'] },
    macosApps: ['Brave Browser.app'],
    windowsPaths: [
      '{ProgramFiles}\\BraveSoftware\\Brave-Browser\\Application\\brave.exe',
      '{ProgramFiles(x86)}\\BraveSoftware\\Brave-Browser\\Application\\brave.exe',
      '{LocalAppData}\\BraveSoftware\\Brave-Browser\\Application\\brave.exe',
    ],
  },
  {
    id: 'opera',
    name: 'Opera',
    engine: 'chromium',
    privateWindowName: 'private window',
    privateWindowShortcut: CHROMIUM_PRIVATE,
    extensionsPage: 'opera://extensions',
    linux: { commands: ['opera', 'opera-beta'], flatpak: ['com.opera.Opera'], snap: ['opera'] },
    macosApps: ['Opera.app'],
    windowsPaths: ['{LocalAppData}\\Programs\\Opera\\opera.exe', '{ProgramFiles}\\Opera\\opera.exe'],
  },
  {
    id: 'vivaldi',
    name: 'Vivaldi',
    engine: 'chromium',
    privateWindowName: 'private window',
    privateWindowShortcut: CHROMIUM_PRIVATE,
    extensionsPage: 'vivaldi://extensions',
    linux: { commands: ['vivaldi', 'vivaldi-stable'], flatpak: ['com.vivaldi.Vivaldi'], snap: [] },
    macosApps: ['Vivaldi.app'],
    windowsPaths: ['{LocalAppData}\\Vivaldi\\Application\\vivaldi.exe', '{ProgramFiles}\\Vivaldi\\Application\\vivaldi.exe'],
  },
  {
    id: 'chromium',
    name: 'Chromium',
    engine: 'chromium',
    privateWindowName: 'Incognito window',
    privateWindowShortcut: CHROMIUM_PRIVATE,
    extensionsPage: 'chrome://extensions',
    linux: { commands: ['chromium', 'chromium-browser'], flatpak: ['org.chromium.Chromium'], snap: ['chromium'] },
    macosApps: ['Chromium.app'],
    windowsPaths: ['{LocalAppData}\\Chromium\\Application\\chrome.exe'],
  },
];
