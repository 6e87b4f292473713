// Each browser's own help pages for the wizard's browser steps (clearing the cache, private windows, extensions).
// Fixed https addresses, the only pages beyond the service's own that the app may open in the system browser.
// Where a browser's help center has no stable page per task, its help center's home is used.
import type { BrowserIdValue } from './browser-schema.js';

export type BrowserHelpTopic = 'clearCache' | 'privateWindow' | 'extensions';

const CHROME = {
  clearCache: 'https://support.google.com/accounts/answer/32050',
  privateWindow: 'https://support.google.com/chrome/answer/95464',
  extensions: 'https://support.google.com/chrome_webstore/answer/2664769',
};
const helpCenter = (url: string): Record<BrowserHelpTopic, string> => ({ clearCache: url, privateWindow: url, extensions: url });

export const BROWSER_HELP: Record<BrowserIdValue, Record<BrowserHelpTopic, string>> = {
  chrome: CHROME,
  chromium: CHROME,
  edge: helpCenter('https://support.microsoft.com/microsoft-edge'),
  firefox: {
    clearCache: 'https://support.mozilla.org/kb/how-clear-firefox-cache',
    privateWindow: 'https://support.mozilla.org/kb/private-browsing-use-firefox-without-history',
    extensions: 'https://support.mozilla.org/kb/disable-or-remove-add-ons',
  },
  safari: helpCenter('https://support.apple.com/guide/safari/welcome/mac'),
  brave: helpCenter('https://support.brave.com/'),
  opera: helpCenter('https://help.opera.com/'),
  vivaldi: helpCenter('https://help.vivaldi.com/'),
};

/** Every help page, for the list of addresses the app may open. */
export function browserHelpPages(): string[] {
  return [...new Set(Object.values(BROWSER_HELP).flatMap((topics) => Object.values(topics)))];
}
