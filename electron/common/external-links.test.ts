import { describe, expect, it } from 'vitest';
import { BROWSER_HELP, browserHelpPages } from './browser-help.js';
import { externalUrlToOpen, measuredPortal, portalSignInAddress } from './external-links.js';

const CHECK = 'http://connectivitycheck.gstatic.com/generate_204';
const withPortal = (portalUrl: string | undefined, portal = true) => ({
  facts: { connectivity: { answered: true, portal, ...(portalUrl ? { portalUrl } : {}) } },
});

describe('portalSignInAddress (what the connectivity check got)', () => {
  it('is the redirect target of a 302, resolved against the check address', () => {
    expect(portalSignInAddress(CHECK, 'http://10.0.0.1/login?x=1')).toBe('http://10.0.0.1/login?x=1');
    expect(portalSignInAddress(CHECK, '/portal/login')).toBe('http://connectivitycheck.gstatic.com/portal/login');
  });

  it('is the check address itself when the portal answered in place (511, or a page)', () => {
    expect(portalSignInAddress(CHECK, undefined)).toBe(CHECK);
  });

  it('is nothing for a strange or credentialed redirect', () => {
    expect(portalSignInAddress(CHECK, 'javascript:alert(1)')).toBeNull();
    expect(portalSignInAddress(CHECK, 'file:///etc/passwd')).toBeNull();
    expect(portalSignInAddress(CHECK, 'http://user:pw@10.0.0.1/')).toBeNull();
  });
});

describe('measuredPortal (from the report’s facts)', () => {
  it('is the measured sign-in address under a portal, and nothing otherwise', () => {
    expect(measuredPortal(withPortal('http://10.0.0.1/login'))).toBe('http://10.0.0.1/login');
    expect(measuredPortal(withPortal('http://10.0.0.1/login', false))).toBeNull();
    expect(measuredPortal(withPortal(undefined))).toBeNull();
    expect(measuredPortal(withPortal('javascript:alert(1)'))).toBeNull();
    expect(measuredPortal({})).toBeNull();
  });
});

describe('externalUrlToOpen: the browsers’ help pages', () => {
  const allowed = { origins: ['https://chatgpt.com'], portal: null, pages: browserHelpPages() };
  it('opens a browser help page exactly, and nothing else on its site', () => {
    expect(externalUrlToOpen(BROWSER_HELP.firefox.clearCache, allowed)).toBe(BROWSER_HELP.firefox.clearCache);
    expect(externalUrlToOpen('https://support.mozilla.org/kb/some-other-page', allowed)).toBeNull();
    expect(externalUrlToOpen(BROWSER_HELP.firefox.clearCache.replace('https:', 'http:'), allowed)).toBeNull();
  });
  it('lists only https pages', () => {
    for (const page of browserHelpPages()) expect(new URL(page).protocol).toBe('https:');
  });
});
