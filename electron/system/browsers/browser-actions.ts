// What the wizard's browser steps call: the installed browsers with what the app can do in each and their
// extensions, and opening the service in one of them. The address is always given by the engine (the profile's
// first target), never by the UI.
import os from 'node:os';
import type { BrowserList, BrowserOpenMode, InstalledBrowserInfo, OpenInBrowserRequest, OpenInBrowserResult } from '../../common/browser-schema.js';
import { detectBrowsers, fileExists, type InstalledBrowser } from './detect.js';
import { readExtensionInventory } from './inventory.js';
import { browserCapabilities, knownBrowser, launchArgv, manualInstructions } from './launch-argv.js';
import { launchDetached, type LaunchOutcome } from './launcher.js';

export interface BrowserEnvironment {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  exists: (candidate: string) => boolean;
  launch: (argv: readonly string[], name: string) => Promise<LaunchOutcome>;
}

export function systemBrowserEnvironment(): BrowserEnvironment {
  return {
    platform: process.platform,
    env: process.env,
    home: os.homedir(),
    exists: fileExists,
    launch: (argv, name) => launchDetached(argv, { name }),
  };
}

function installed(environment: BrowserEnvironment): InstalledBrowser[] {
  return detectBrowsers({ platform: environment.platform, exists: environment.exists, env: environment.env, home: environment.home });
}

async function describeBrowser(browser: InstalledBrowser, environment: BrowserEnvironment): Promise<InstalledBrowserInfo> {
  const known = knownBrowser(browser.id);
  return {
    id: browser.id,
    name: browser.name,
    engine: known.engine,
    actions: browserCapabilities(browser.id),
    manual: manualInstructions(browser.id, environment.platform),
    privateWindow: {
      name: known.privateWindowName,
      shortcut: environment.platform === 'darwin' ? known.privateWindowShortcut.mac : known.privateWindowShortcut.other,
    },
    extensionsPage: known.extensionsPage,
    extensions: await readExtensionInventory(browser.id, { platform: environment.platform, env: environment.env, home: environment.home }),
  };
}

export async function listBrowsers(environment: BrowserEnvironment): Promise<BrowserList> {
  return { browsers: await Promise.all(installed(environment).map((browser) => describeBrowser(browser, environment))) };
}

const WHAT: Record<BrowserOpenMode, string> = { normal: 'a window', private: 'a private window', extensions: 'its extensions page' };

/** Opens `url` (the engine's: the profile's first target) in the browser and mode asked. */
export async function openInBrowser(request: OpenInBrowserRequest, url: string, environment: BrowserEnvironment): Promise<OpenInBrowserResult> {
  const base = { browser: request.browser, mode: request.mode };
  const browser = installed(environment).find((b) => b.id === request.browser);
  if (!browser) {
    const name = knownBrowser(request.browser).name;
    return { ...base, opened: false, url: null, message: `${name} was not found on this computer, so it cannot be opened from here.` };
  }
  const plan = launchArgv(browser, request.mode, url, environment.platform);
  if (!plan.ok) return { ...base, opened: false, url: null, message: plan.reason };
  const outcome = await environment.launch(plan.argv, browser.name);
  if (!outcome.ok) return { ...base, opened: false, url: null, message: outcome.message, detail: outcome.detail };
  const opened = request.mode === 'extensions' ? `${browser.name} was asked to show its extensions page.` : `${browser.name} was asked to open ${plan.url} in ${WHAT[request.mode]}.`;
  return { ...base, opened: true, url: plan.url, message: opened };
}
