// The `browsers` check (step `other-browser`): which browsers are installed, read-only, so the wizard can suggest
// one to try and tell how to open a private window or find the extensions in each.
import type { CheckDefinition, CheckOutcome } from '../check.js';
import { detectInstalledBrowsers, type InstalledBrowser } from '../../system/browsers/detect.js';
import { KNOWN_BROWSERS } from '../../system/browsers/known-browsers.js';

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Pure: the outcome for a list of installed browsers on a platform. */
export function browsersOutcome(installed: readonly InstalledBrowser[], platform: NodeJS.Platform, service: string): CheckOutcome {
  const details = installed.map((b) => {
    const known = KNOWN_BROWSERS.find((k) => k.id === b.id)!;
    return {
      id: b.id,
      name: b.name,
      path: b.path,
      via: b.via,
      engine: known.engine,
      privateWindow: `${known.privateWindowName} (${platform === 'darwin' ? known.privateWindowShortcut.mac : known.privateWindowShortcut.other})`,
      extensionsPage: known.extensionsPage,
    };
  });
  const evidence = { browsers: details };
  const names = installed.map((b) => b.name);
  if (installed.length === 0) {
    return {
      status: 'skip',
      summary: 'No browser was found in the usual places, so none can be suggested. Any other browser you have is worth a try.',
      evidence,
    };
  }
  if (installed.length === 1) {
    // One browser is how most people work: nothing is wrong with that. A private window of it rules out the
    // cache, cookies and extensions just as well as a second browser would.
    const known = KNOWN_BROWSERS.find((k) => k.id === installed[0]!.id)!;
    return {
      status: 'pass',
      summary: `${names[0]} is the browser found on this computer. To rule out its cache, cookies and extensions, open ${service} in ${/^[aeiou]/i.test(known.privateWindowName) ? 'an' : 'a'} ${known.privateWindowName} of it.`,
      evidence,
    };
  }
  // Suggest one with a different engine from the first, when there is one: it shares the least with it.
  const different = installed.find((b) => KNOWN_BROWSERS.find((k) => k.id === b.id)!.engine !== KNOWN_BROWSERS.find((k) => k.id === installed[0]!.id)!.engine);
  const alternative = different ?? installed[1]!;
  return {
    status: 'pass',
    summary: `Installed browsers: ${list(names)}. If ${service} fails in one, try it in another, for example ${alternative.name}: if it works there, the problem is in the first browser's cache, cookies or extensions.`,
    evidence,
  };
}

export function createBrowsersCheck(detect: () => InstalledBrowser[] = detectInstalledBrowsers, platform: NodeJS.Platform = process.platform): CheckDefinition {
  return {
    id: 'browsers',
    step: 'other-browser',
    title: 'Other browsers',
    run: async (context) => browsersOutcome(detect(), platform, context.profile.name),
  };
}

export const browsersCheck: CheckDefinition = createBrowsersCheck();
