// The extension inventory over real-shaped profile files (fixtures/README.md says where their shape comes from),
// copied into a temporary home folder where the tests also plant what must never be followed or read whole.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumProfileFolders, PREFERENCES_MAX_BYTES, readChromiumProfile } from './chromium-extensions.js';
import { extensionRisk } from './extension-risk.js';
import { parseProfilesIni, readFirefoxRoot } from './firefox-extensions.js';
import { readExtensionInventory } from './inventory.js';
import { profileRoots } from './profile-dirs.js';
import { readInside } from './safe-read.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const UBLOCK = 'cjpalhdlnbpafiamejdnhcphjbkeiagm';
const HOLA = 'gkojfkhlekighikafcpjkiklfbnlmeio';
const TRANSLATE = 'aapbdbdomjkkjkaonfhkkikfgjllcleb';
const DARK_READER = 'eimadpbcbfnmbkopoojfekhnkhdbieeh';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A home folder with Chrome's and Firefox's fixture profiles where Linux keeps them. */
function home(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-home-'));
  temps.push(dir);
  cpSync(path.join(FIXTURES, 'chromium'), path.join(dir, '.config', 'google-chrome'), { recursive: true });
  cpSync(path.join(FIXTURES, 'firefox'), path.join(dir, '.mozilla', 'firefox'), { recursive: true });
  return dir;
}

const linux = (homeDir: string) => ({ platform: 'linux' as const, env: {}, home: homeDir });

describe('Chromium-family profiles', () => {
  it('finds the profile folders Local State names', async () => {
    const root = path.join(home(), '.config', 'google-chrome');
    expect(await chromiumProfileFolders(root)).toEqual(['Default', 'Profile 1']);
  });

  it('lists the installed extensions with name, state, source and permissions; skips component and default ones', async () => {
    const root = path.join(home(), '.config', 'google-chrome');
    const { items, unreadable } = await readChromiumProfile(root, 'Default', 'Default');
    expect(unreadable).toEqual([]);
    const byId = Object.fromEntries(items.map((e) => [e.id, e]));
    // Web Store (component, location 5) and Google Docs Offline (installed by default) are not the person's.
    expect(Object.keys(byId).sort()).toEqual([TRANSLATE, UBLOCK, DARK_READER, HOLA].sort());

    expect(byId[UBLOCK]).toEqual({
      id: UBLOCK,
      name: 'uBlock Origin', // from Extensions/<id>/<version>/manifest.json
      profile: 'Default',
      enabled: true,
      source: 'store',
      permissions: ['alarms', 'contextMenus', 'privacy', 'storage', 'tabs', 'unlimitedStorage', 'webNavigation', 'webRequest', 'webRequestBlocking'],
      risk: { kind: 'blocker', reason: 'An ad or script blocker: it can block a script or request the service needs to load.' },
    });
    // Secure Preferences alone knows this one; its name is flagged before its permissions are.
    expect(byId[HOLA]).toMatchObject({ name: 'Hola VPN - Your Website Unblocker', enabled: true, risk: { kind: 'vpn-proxy' } });
    expect(byId[HOLA]!.permissions).toContain('proxy');
    // __MSG_EXT_NAME__ looked up in _locales/en/messages.json (message names are case-insensitive); a Windows-style path.
    expect(byId[TRANSLATE]).toMatchObject({ name: 'Google Translate', enabled: true, risk: null });
    // disable_reasons [1]: turned off by the person; its name comes from the embedded manifest.
    expect(byId[DARK_READER]).toMatchObject({ name: 'Dark Reader', enabled: false, risk: null });
  });

  it('reports a Preferences file that is not JSON as unreadable instead of failing', async () => {
    const root = path.join(home(), '.config', 'google-chrome');
    expect(await readChromiumProfile(root, 'Profile 1', 'Profile 1')).toEqual({
      items: [],
      unreadable: [{ file: 'Profile 1/Preferences', reason: 'not valid JSON' }],
    });
  });

  it('never follows a link out of the profile, and caps what it reads', async () => {
    const homeDir = home();
    const root = path.join(homeDir, '.config', 'google-chrome');
    const secret = path.join(homeDir, 'secret-manifest.json');
    writeFileSync(secret, JSON.stringify({ name: 'Read from outside the profile', version: '1' }));
    // uBlock's manifest replaced by a link to a file outside the profile.
    const manifest = path.join(root, 'Default', 'Extensions', UBLOCK, '1.58.0_0', 'manifest.json');
    rmSync(manifest);
    symlinkSync(secret, manifest);
    // The Translate extension's whole folder a link to a folder outside the profile.
    const outsideDir = path.join(homeDir, 'elsewhere');
    cpSync(path.join(root, 'Default', 'Extensions', TRANSLATE), outsideDir, { recursive: true });
    rmSync(path.join(root, 'Default', 'Extensions', TRANSLATE), { recursive: true });
    symlinkSync(outsideDir, path.join(root, 'Default', 'Extensions', TRANSLATE));
    // A Preferences larger than the cap in a third profile.
    mkdirSync(path.join(root, 'Profile 2'));
    writeFileSync(path.join(root, 'Profile 2', 'Preferences'), Buffer.alloc(PREFERENCES_MAX_BYTES + 1, 0x20));

    const { items, unreadable } = await readChromiumProfile(root, 'Default', 'Default');
    const names = items.map((e) => e.name);
    expect(names).not.toContain('Read from outside the profile');
    expect(names).toContain(UBLOCK); // known, but its name could not be read: shown by id
    expect(names).toContain(TRANSLATE);
    expect(unreadable).toEqual([
      { file: `Default/Extensions/${UBLOCK}/1.58.0_0/manifest.json`, reason: 'outside the profile' },
      { file: `Default/Extensions/${TRANSLATE}/2.0.13_0/manifest.json`, reason: 'outside the profile' },
    ]);
    expect(await readChromiumProfile(root, 'Profile 2', 'Profile 2')).toEqual({
      items: [],
      unreadable: [{ file: 'Profile 2/Preferences', reason: 'too large' }],
    });
  });
});

describe('Firefox profiles', () => {
  it('reads the profiles of profiles.ini (not the Install or General sections)', () => {
    expect(parseProfilesIni('[Install1]\nDefault=Profiles/a\n[Profile0]\nName=x\r\nIsRelative=1\r\nPath=Profiles/a\n[Profile1]\nIsRelative=0\nPath=/data/ff\n[General]\nVersion=2\n')).toEqual([
      { name: 'x', path: 'Profiles/a', isRelative: true },
      { name: '/data/ff', path: '/data/ff', isRelative: false },
    ]);
  });

  it("lists the person's extensions: not Firefox's built-in ones, themes or hidden system add-ons", async () => {
    const root = path.join(home(), '.mozilla', 'firefox');
    const { items, unreadable } = await readFirefoxRoot(root);
    expect(items.map((e) => [e.name, e.enabled, e.source, e.risk?.kind ?? null])).toEqual([
      ['uBlock Origin', true, 'store', 'blocker'],
      ['FoxyProxy Standard', false, 'store', 'vpn-proxy'],
      ['Bitwarden Password Manager', true, 'store', 'request-control'],
    ]);
    expect(items[0]).toMatchObject({ id: 'uBlock0@raymondhill.net', profile: 'default-release' });
    // A damaged database and a profile whose path leads out of the Firefox folder are reported, not followed.
    expect(unreadable).toEqual([
      { file: 'Profiles/a9b8c7d6.default/extensions.json', reason: 'not valid JSON' },
      { file: '../../outside/extensions.json', reason: 'outside the profile' },
    ]);
  });
});

describe('the inventory of one browser', () => {
  it('counts the extensions of every profile, flagged enabled ones first, with unreadable files named from ~', async () => {
    const homeDir = home();
    const chrome = await readExtensionInventory('chrome', linux(homeDir));
    expect(chrome.total).toBe(4);
    expect(chrome.flagged).toBe(2);
    expect(chrome.items.map((e) => e.name)).toEqual(['Hola VPN - Your Website Unblocker', 'uBlock Origin', 'Google Translate', 'Dark Reader']);
    expect(chrome.unreadable).toEqual([{ file: '~/.config/google-chrome/Profile 1/Preferences', reason: 'not valid JSON' }]);

    const firefox = await readExtensionInventory('firefox', linux(homeDir));
    expect([firefox.total, firefox.flagged]).toEqual([3, 2]); // FoxyProxy is disabled: listed, not counted as flagged

    // A browser with no profile folder yet has nothing to list.
    expect(await readExtensionInventory('brave', linux(homeDir))).toEqual({ total: 0, flagged: 0, items: [], unreadable: [] });
    expect((await readExtensionInventory('safari', { platform: 'darwin', env: {}, home: homeDir })).unavailable).toMatch(/Safari → Settings → Extensions/);
  });

  it('looks where each OS and packaging keeps the profiles', () => {
    const dirs = (id: Parameters<typeof profileRoots>[0], platform: NodeJS.Platform, env: Record<string, string> = {}, homeDir = '/home/ann') =>
      profileRoots(id, { platform, env, home: homeDir }).map((r) => r.dir);
    expect(dirs('chromium', 'linux', { XDG_CONFIG_HOME: '/cfg' })).toEqual([
      '/cfg/chromium',
      '/home/ann/.var/app/org.chromium.Chromium/config/chromium',
      '/home/ann/snap/chromium/common/chromium',
    ]);
    expect(dirs('chrome', 'darwin', {}, '/Users/ann')).toEqual(['/Users/ann/Library/Application Support/Google/Chrome']);
    expect(dirs('edge', 'win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'C:\\Users\\ann')).toEqual(['C:\\Users\\ann\\AppData\\Local\\Microsoft\\Edge\\User Data']);
    expect(profileRoots('opera', { platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, home: 'C:\\Users\\ann' })).toEqual([
      { kind: 'chromium', dir: 'C:\\Users\\ann\\AppData\\Roaming\\Opera Software\\Opera Stable', singleProfile: true },
    ]);
    expect(dirs('firefox', 'linux')).toContain('/home/ann/snap/firefox/common/.mozilla/firefox');
    expect(dirs('safari', 'darwin')).toEqual([]);
  });
});

describe('readInside', () => {
  it('reads regular files inside the root only, up to the cap', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gd-safe-read-'));
    temps.push(dir);
    const root = path.join(dir, 'root');
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'ok.json'), '\uFEFF{"a":1}');
    writeFileSync(path.join(dir, 'outside.json'), '{}');
    symlinkSync(path.join(dir, 'outside.json'), path.join(root, 'link.json'));
    symlinkSync(path.join(root, 'ok.json'), path.join(root, 'inner-link.json'));
    expect(await readInside(root, 'ok.json', 100)).toEqual({ ok: true, text: '{"a":1}' });
    expect(await readInside(root, 'ok.json', 5)).toEqual({ ok: false, reason: 'too large' });
    expect(await readInside(root, '../outside.json', 100)).toEqual({ ok: false, reason: 'outside the profile' });
    expect(await readInside(root, 'link.json', 100)).toEqual({ ok: false, reason: 'outside the profile' });
    expect(await readInside(root, 'inner-link.json', 100)).toEqual({ ok: true, text: '{"a":1}' });
    expect(await readInside(root, 'sub', 100)).toEqual({ ok: false, reason: 'not a regular file' });
    expect(await readInside(root, 'missing.json', 100)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('extensionRisk', () => {
  it('flags VPNs, proxies, blockers and privacy tools by name, others by the permissions that let them interfere', () => {
    expect(extensionRisk('NordVPN – VPN proxy for privacy', [])?.kind).toBe('vpn-proxy');
    expect(extensionRisk('AdBlock — block ads across the web', [])?.kind).toBe('blocker');
    expect(extensionRisk('Privacy Badger', [])?.kind).toBe('privacy');
    expect(extensionRisk('Cookie AutoDelete', [])?.kind).toBe('privacy');
    expect(extensionRisk('Some Tool', ['storage', 'proxy'])).toEqual({ kind: 'vpn-proxy', reason: "It can change the browser's proxy settings, so pages may go through another server." });
    expect(extensionRisk('Some Tool', ['declarativeNetRequest'])?.kind).toBe('request-control');
    // Words that only contain a keyword are not matches.
    expect(extensionRisk('Blockchain Wallet', ['storage'])).toBeNull();
    expect(extensionRisk('Color Picker Monitor', ['activeTab'])).toBeNull();
    expect(extensionRisk('Google Translate', ['activeTab', 'contextMenus'])).toBeNull();
  });
});
