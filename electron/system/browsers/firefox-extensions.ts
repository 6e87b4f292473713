// Firefox's extensions, read-only from its profiles. Shapes from real files:
//  - `profiles.ini` (INI): `[ProfileN]` sections with `Name`, `IsRelative` (1: `Path` is relative to the folder of
//    profiles.ini) and `Path`; `[InstallXXXX]` and `[General]` sections are not profiles.
//  - `<profile>/extensions.json` (JSON, Firefox's add-on database): `{ schemaVersion, addons: [ { id, type
//    (extension|theme|locale|dictionary…), location (app-profile for the person's own, app-builtin /
//    app-system-defaults / app-system-addons for Firefox's), defaultLocale: { name }, active, userDisabled,
//    appDisabled, hidden, userPermissions: { permissions, origins } } ] }` (a real one: Thinstation/thinstation
//    ts/build/packages/firefox/etc/TS.default/e.head.tpl + e.tail.tpl, schemaVersion 31).
import path from 'node:path';
import type { BrowserExtension } from '../../common/browser-schema.js';
import type { ProfileExtensions, Unreadable } from './chromium-extensions.js';
import { extensionRisk } from './extension-risk.js';
import { displayText, isRecord, parseJsonObject, readInside } from './safe-read.js';

export const PROFILES_INI_MAX_BYTES = 256 * 1024;
export const EXTENSIONS_JSON_MAX_BYTES = 16 * 1024 * 1024;
const MAX_PERMISSIONS = 40;

/** Firefox's own add-ons (built in, or shipped with the installation). */
const FIREFOX_LOCATIONS = new Set(['app-builtin', 'app-system-defaults', 'app-system-addons', 'app-builtin-addons']);

export interface FirefoxProfileEntry {
  name: string;
  path: string;
  isRelative: boolean;
}

/** The `[ProfileN]` sections of profiles.ini. Pure; lines that are not `key=value` are ignored. */
export function parseProfilesIni(text: string): FirefoxProfileEntry[] {
  const profiles: FirefoxProfileEntry[] = [];
  let current: Record<string, string> | null = null;
  const flush = (): void => {
    if (current && current.Path) profiles.push({ name: current.Name ?? current.Path, path: current.Path, isRelative: current.IsRelative !== '0' });
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      flush();
      current = /^Profile\d+$/i.test(section[1]!) ? {} : null;
      continue;
    }
    const pair = /^([^=;#]+)=(.*)$/.exec(line);
    if (current && pair) current[pair[1]!.trim()] = pair[2]!.trim();
  }
  flush();
  return profiles;
}

function sourceOf(location: unknown): BrowserExtension['source'] {
  if (location === 'app-profile') return 'store';
  if (location === 'app-temporary') return 'unpacked';
  if (typeof location === 'string' && /^(app-system-(share|user|local)|app-global|winreg-)/.test(location)) return 'external';
  return 'other';
}

/** The extensions in one profile's extensions.json. `containment` is the folder nothing may be read outside of. */
export async function readFirefoxProfile(containment: string, profileDir: string, profileLabel: string, shownDir: string): Promise<ProfileExtensions> {
  const unreadable: Unreadable[] = [];
  const file = path.join(profileDir, 'extensions.json');
  const read = await readInside(containment, file, EXTENSIONS_JSON_MAX_BYTES);
  if (!read.ok) {
    if (read.reason !== 'missing') unreadable.push({ file: `${shownDir}/extensions.json`, reason: read.reason });
    return { items: [], unreadable };
  }
  const database = parseJsonObject(read.text);
  if (!database || !Array.isArray(database.addons)) {
    unreadable.push({ file: `${shownDir}/extensions.json`, reason: database ? 'no list of add-ons' : 'not valid JSON' });
    return { items: [], unreadable };
  }
  const items: BrowserExtension[] = [];
  for (const addon of database.addons) {
    if (!isRecord(addon) || typeof addon.id !== 'string') continue;
    if (addon.type !== 'extension' || addon.hidden === true) continue;
    if (typeof addon.location === 'string' && FIREFOX_LOCATIONS.has(addon.location)) continue;
    const localeName = isRecord(addon.defaultLocale) && typeof addon.defaultLocale.name === 'string' ? addon.defaultLocale.name : '';
    const name = displayText(localeName) || displayText(addon.id);
    const permissions = isRecord(addon.userPermissions) && Array.isArray(addon.userPermissions.permissions)
      ? addon.userPermissions.permissions.filter((p): p is string => typeof p === 'string').slice(0, MAX_PERMISSIONS).map((p) => displayText(p, 80))
      : [];
    const enabled = typeof addon.active === 'boolean' ? addon.active : !(addon.userDisabled === true || addon.appDisabled === true || addon.softDisabled === true);
    items.push({
      id: displayText(addon.id, 200),
      name,
      profile: profileLabel,
      enabled,
      source: sourceOf(addon.location),
      permissions,
      risk: extensionRisk(name, permissions),
    });
  }
  return { items, unreadable };
}

/** Every profile listed in `<root>/profiles.ini`, read. */
export async function readFirefoxRoot(root: string): Promise<ProfileExtensions> {
  const ini = await readInside(root, 'profiles.ini', PROFILES_INI_MAX_BYTES);
  if (!ini.ok) return { items: [], unreadable: ini.reason === 'missing' ? [] : [{ file: 'profiles.ini', reason: ini.reason }] };
  const items: BrowserExtension[] = [];
  const unreadable: Unreadable[] = [];
  for (const profile of parseProfilesIni(ini.text)) {
    const label = displayText(profile.name, 60);
    // A relative profile must stay inside the root; one placed elsewhere on purpose is read within itself only.
    const result = profile.isRelative
      ? await readFirefoxProfile(root, profile.path, label, profile.path.replace(/\\/g, '/'))
      : path.isAbsolute(profile.path)
        ? await readFirefoxProfile(profile.path, '.', label, label)
        : { items: [], unreadable: [{ file: 'profiles.ini', reason: `profile "${label}" has a path that is not absolute` }] };
    items.push(...result.items);
    unreadable.push(...result.unreadable);
  }
  return { items, unreadable };
}
