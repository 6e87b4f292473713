import { describe, expect, it } from 'vitest';
import { ProfileSchema } from '../../common/spec.js';
import type { InstalledBrowser } from '../../system/browsers/detect.js';
import { browsersCheck, browsersOutcome, createBrowsersCheck } from './browsers.js';

const chromium: InstalledBrowser = { id: 'chromium', name: 'Chromium', path: '/usr/bin/chromium', via: 'path' };
const chrome: InstalledBrowser = { id: 'chrome', name: 'Google Chrome', path: '/usr/bin/google-chrome', via: 'path' };
const firefox: InstalledBrowser = { id: 'firefox', name: 'Mozilla Firefox', path: '/usr/bin/firefox', via: 'path' };
const safari: InstalledBrowser = { id: 'safari', name: 'Safari', path: '/Applications/Safari.app', via: 'app' };

describe('browsers check', () => {
  it('belongs to the other-browser step', () => {
    expect(browsersCheck).toMatchObject({ id: 'browsers', step: 'other-browser' });
  });

  it('lists several browsers and suggests one with another engine', () => {
    const outcome = browsersOutcome([chrome, chromium, firefox], 'linux', 'ChatGPT');
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toBe(
      "Installed browsers: Google Chrome, Chromium and Mozilla Firefox. If ChatGPT fails in one, try it in another, for example Mozilla Firefox: if it works there, the problem is in the first browser's cache, cookies or extensions.",
    );
    expect(outcome.evidence.browsers).toEqual([
      expect.objectContaining({ id: 'chrome', privateWindow: 'Incognito window (Ctrl + Shift + N)', extensionsPage: 'chrome://extensions' }),
      expect.objectContaining({ id: 'chromium' }),
      expect.objectContaining({ id: 'firefox', privateWindow: 'private window (Ctrl + Shift + P)', extensionsPage: 'about:addons' }),
    ]);
  });

  it('uses macOS shortcuts on macOS', () => {
    const outcome = browsersOutcome([chrome, safari], 'darwin', 'ChatGPT');
    expect(outcome.evidence.browsers).toContainEqual(expect.objectContaining({ id: 'chrome', privateWindow: 'Incognito window (⌘ + Shift + N)' }));
    expect(outcome.summary).toContain('for example Safari');
  });

  it('passes with a neutral sentence when one browser is installed (one browser is not a problem)', () => {
    const outcome = browsersOutcome([chromium], 'linux', 'ChatGPT');
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toBe(
      'Chromium is the browser found on this computer. To rule out its cache, cookies and extensions, open ChatGPT in an Incognito window of it.',
    );
    expect(browsersOutcome([firefox], 'linux', 'ChatGPT').summary).toContain('in a private window of it');
  });

  it('skips when none is found', () => {
    expect(browsersOutcome([], 'linux', 'ChatGPT').status).toBe('skip');
  });

  it('runs with an injected lookup', async () => {
    const check = createBrowsersCheck(() => [firefox, chromium], 'linux');
    const outcome = await check.run({
      profile: ProfileSchema.parse({ name: 'Lab Chat', targets: [{ id: 'app', url: 'http://127.0.0.1:1/' }] }),
      signal: new AbortController().signal,
      deadline: Date.now() + 1000,
    });
    expect(outcome.summary).toContain('Lab Chat');
    expect(outcome.summary).toContain('for example Chromium');
  });
});
