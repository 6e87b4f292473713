import { describe, expect, it } from 'vitest';
import { BROWSER_IDS } from '../../common/browser-schema.js';
import type { InstalledBrowser } from './detect.js';
import { browserCapabilities, launchArgv, MAC_OPEN, manualInstructions } from './launch-argv.js';
import { KNOWN_BROWSERS } from './known-browsers.js';

const URL_ = 'https://chatgpt.com/';
const linux = (id: InstalledBrowser['id'], path: string, via: InstalledBrowser['via'] = 'path'): InstalledBrowser => ({ id, name: id, path, via });

describe('browser capabilities', () => {
  it('every browser of the contract is known', () => {
    expect(KNOWN_BROWSERS.map((b) => b.id).sort()).toEqual([...BROWSER_IDS].sort());
  });

  it('private windows from the command line everywhere but Safari; the extensions page from Firefox only', () => {
    const table = Object.fromEntries(BROWSER_IDS.map((id) => [id, browserCapabilities(id)]));
    expect(table).toEqual({
      chrome: { open: true, private: true, extensionsPage: false },
      edge: { open: true, private: true, extensionsPage: false },
      firefox: { open: true, private: true, extensionsPage: true },
      safari: { open: true, private: false, extensionsPage: false },
      brave: { open: true, private: true, extensionsPage: false },
      opera: { open: true, private: true, extensionsPage: false },
      vivaldi: { open: true, private: true, extensionsPage: false },
      chromium: { open: true, private: true, extensionsPage: false },
    });
  });

  it('says how to do by hand what cannot be done from here', () => {
    expect(manualInstructions('safari', 'darwin')).toEqual({
      private: 'Safari cannot be asked by another app to open a private window: in Safari, press ⌘ + Shift + N (or choose File → New Private Window).',
      extensionsPage: "Safari's extensions are in Safari → Settings → Extensions.",
    });
    expect(manualInstructions('edge', 'win32')).toEqual({
      extensionsPage: 'Microsoft Edge opens its extensions page only from its own address bar: type edge://extensions there and press Enter.',
    });
    expect(manualInstructions('firefox', 'linux')).toEqual({});
  });
});

describe('launchArgv on Linux', () => {
  it('opens the address with the command found, normally and privately, per browser', () => {
    const cases: [InstalledBrowser, string[]][] = [
      [linux('chrome', '/usr/bin/google-chrome'), ['/usr/bin/google-chrome', '--incognito', URL_]],
      [linux('chromium', '/usr/bin/chromium'), ['/usr/bin/chromium', '--incognito', URL_]],
      [linux('brave', '/usr/bin/brave-browser'), ['/usr/bin/brave-browser', '--incognito', URL_]],
      [linux('vivaldi', '/usr/bin/vivaldi'), ['/usr/bin/vivaldi', '--incognito', URL_]],
      [linux('edge', '/usr/bin/microsoft-edge'), ['/usr/bin/microsoft-edge', '--inprivate', URL_]],
      [linux('opera', '/usr/bin/opera'), ['/usr/bin/opera', '--private', URL_]],
      [linux('firefox', '/usr/bin/firefox'), ['/usr/bin/firefox', '-private-window', URL_]],
    ];
    for (const [browser, privateArgv] of cases) {
      expect(launchArgv(browser, 'normal', URL_, 'linux'), browser.id).toEqual({ ok: true, argv: [browser.path, URL_], url: URL_ });
      expect(launchArgv(browser, 'private', URL_, 'linux'), browser.id).toEqual({ ok: true, argv: privateArgv, url: URL_ });
    }
  });

  it('goes through flatpak run for a Flatpak install, and the snap wrapper for a Snap one', () => {
    expect(launchArgv(linux('chrome', '/var/lib/flatpak/app/com.google.Chrome', 'flatpak'), 'private', URL_, 'linux')).toEqual({
      ok: true,
      argv: ['flatpak', 'run', 'com.google.Chrome', '--incognito', URL_],
      url: URL_,
    });
    expect(launchArgv(linux('firefox', '/snap/bin/firefox', 'snap'), 'extensions', URL_, 'linux')).toEqual({
      ok: true,
      argv: ['/snap/bin/firefox', 'about:addons'],
      url: 'about:addons',
    });
  });

  it('refuses what the browser cannot do, with the way to do it by hand', () => {
    expect(launchArgv(linux('chromium', '/usr/bin/chromium'), 'extensions', URL_, 'linux')).toEqual({
      ok: false,
      reason: 'Chromium opens its extensions page only from its own address bar: type chrome://extensions there and press Enter.',
    });
  });

  it('never puts anything but a web address on a command line', () => {
    for (const bad of ['--user-data-dir=/tmp/x', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@chatgpt.com/', 'not a url']) {
      expect(launchArgv(linux('firefox', '/usr/bin/firefox'), 'normal', bad, 'linux'), bad).toEqual({
        ok: false,
        reason: 'Only web addresses (http or https) can be opened in a browser.',
      });
    }
  });
});

describe('launchArgv on macOS and Windows', () => {
  const app = (id: InstalledBrowser['id'], bundle: string): InstalledBrowser => ({ id, name: id, path: `/Applications/${bundle}`, via: 'app' });

  it('macOS: open -a for an address, open -na … --args for flags (a running app ignores --args otherwise)', () => {
    expect(launchArgv(app('chrome', 'Google Chrome.app'), 'normal', URL_, 'darwin')).toEqual({
      ok: true,
      argv: [MAC_OPEN, '-a', '/Applications/Google Chrome.app', URL_],
      url: URL_,
    });
    expect(launchArgv(app('chrome', 'Google Chrome.app'), 'private', URL_, 'darwin')).toEqual({
      ok: true,
      argv: [MAC_OPEN, '-n', '-a', '/Applications/Google Chrome.app', '--args', '--incognito', URL_],
      url: URL_,
    });
    expect(launchArgv(app('firefox', 'Firefox.app'), 'private', URL_, 'darwin')).toEqual({
      ok: true,
      argv: [MAC_OPEN, '-n', '-a', '/Applications/Firefox.app', '--args', '-private-window', URL_],
      url: URL_,
    });
    expect(launchArgv(app('firefox', 'Firefox.app'), 'extensions', URL_, 'darwin')).toEqual({
      ok: true,
      argv: [MAC_OPEN, '-n', '-a', '/Applications/Firefox.app', '--args', 'about:addons'],
      url: 'about:addons',
    });
    expect(launchArgv(app('safari', 'Safari.app'), 'normal', URL_, 'darwin')).toEqual({ ok: true, argv: [MAC_OPEN, '-a', '/Applications/Safari.app', URL_], url: URL_ });
    expect(launchArgv(app('safari', 'Safari.app'), 'private', URL_, 'darwin')).toMatchObject({ ok: false, reason: expect.stringContaining('cannot be asked by another app') });
  });

  it('Windows: the executable found, with the browser’s own flag', () => {
    const edge: InstalledBrowser = { id: 'edge', name: 'Microsoft Edge', path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', via: 'install-dir' };
    expect(launchArgv(edge, 'private', URL_, 'win32')).toEqual({ ok: true, argv: [edge.path, '--inprivate', URL_], url: URL_ });
    const firefox: InstalledBrowser = { id: 'firefox', name: 'Mozilla Firefox', path: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe', via: 'install-dir' };
    expect(launchArgv(firefox, 'private', URL_, 'win32')).toEqual({ ok: true, argv: [firefox.path, '-private-window', URL_], url: URL_ });
  });
});
