// The extensions of a Chromium-family browser (Chrome, Edge, Brave, Opera, Vivaldi, Chromium), read-only from its
// profile files. Shapes, from Chromium's extension_prefs.cc (chromium/chromium extensions/browser/extension_prefs.cc)
// and real profiles:
//  - `<profile>/Preferences` and `<profile>/Secure Preferences` (JSON) hold `extensions.settings.<id>` with
//    `location` (ManifestLocation: 1 internal, 2/3/6 external, 4 unpacked, 5 component, 7/9 policy, 8 command line,
//    10 external component), `disable_reasons` (a bitmask once, a list of reasons since Chromium migrated it),
//    the older `state` (0 disabled, 1 enabled), `path` ("<id>/<version>" under `<profile>/Extensions`, absolute for
//    unpacked ones), `was_installed_by_default`, `active_permissions.api`, and, in older versions and for unpacked
//    extensions, the whole `manifest`.
//  - `<profile>/Extensions/<id>/<version>/manifest.json`, whose `name` may be `__MSG_key__`, looked up in
//    `_locales/<default_locale>/messages.json` (keys are case-insensitive).
//  - `Local State` (JSON) names the profile folders in `profile.info_cache`.
import path from 'node:path';
import type { BrowserExtension } from '../../common/browser-schema.js';
import { extensionRisk } from './extension-risk.js';
import { displayText, isRecord, parseJsonObject, readInside, subfoldersInside, type ReadFailure } from './safe-read.js';

export const PREFERENCES_MAX_BYTES = 16 * 1024 * 1024;
export const MANIFEST_MAX_BYTES = 1024 * 1024;
const LOCAL_STATE_MAX_BYTES = 8 * 1024 * 1024;
const MAX_PERMISSIONS = 40;

export interface Unreadable {
  /** Relative to the browser's root folder, with forward slashes. */
  file: string;
  reason: string;
}

export interface ProfileExtensions {
  items: BrowserExtension[];
  unreadable: Unreadable[];
}

const COMPONENT_LOCATIONS = new Set([5, 10]);
const EXTENSION_ID = /^[a-p]{32}$/;
const PROFILE_FOLDER = /^(Default|Profile \d{1,4}|Guest Profile)$/;

function sourceOf(location: unknown): BrowserExtension['source'] {
  switch (location) {
    case 1:
      return 'store';
    case 4:
    case 8:
      return 'unpacked';
    case 2:
    case 3:
    case 6:
      return 'external';
    case 7:
    case 9:
      return 'policy';
    default:
      return 'other';
  }
}

function isDisabled(entry: Record<string, unknown>): boolean {
  const reasons = entry.disable_reasons;
  if (typeof reasons === 'number' && reasons !== 0) return true;
  if (Array.isArray(reasons) && reasons.length > 0) return true;
  return entry.state === 0;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** API permissions only (host patterns say where, not what): granted ones, then the manifest's. */
function permissionsOf(entry: Record<string, unknown>, manifest: Record<string, unknown> | null): string[] {
  const active = isRecord(entry.active_permissions) ? stringsOf(entry.active_permissions.api) : [];
  const declared = manifest ? stringsOf(manifest.permissions).filter((p) => !p.includes('://') && !p.startsWith('<')) : [];
  return [...new Set([...active, ...declared])].slice(0, MAX_PERMISSIONS).map((p) => displayText(p, 80));
}

const posixRelative = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

/** `__MSG_appName__` from the extension's default locale, or null. */
async function localizedName(root: string, extensionDir: string, manifest: Record<string, unknown>, key: string): Promise<string | null> {
  const locale = manifest.default_locale;
  if (typeof locale !== 'string' || !/^[A-Za-z0-9_-]{1,20}$/.test(locale)) return null;
  const read = await readInside(root, path.join(extensionDir, '_locales', locale, 'messages.json'), MANIFEST_MAX_BYTES);
  if (!read.ok) return null;
  const messages = parseJsonObject(read.text);
  if (!messages) return null;
  const found = Object.entries(messages).find(([name]) => name.toLowerCase() === key.toLowerCase());
  const message = found && isRecord(found[1]) ? found[1].message : undefined;
  return typeof message === 'string' ? message : null;
}

/** The folder of the installed version under `<profile>/Extensions`, relative to the root, or null. */
async function extensionFolder(root: string, profileDir: string, id: string, entryPath: unknown): Promise<string | null> {
  if (typeof entryPath === 'string' && entryPath !== '') {
    const normalized = entryPath.replace(/\\/g, '/');
    // An unpacked extension lives wherever its developer keeps it: outside the profile, so it is not read.
    if (path.posix.isAbsolute(normalized) || path.win32.isAbsolute(entryPath)) return null;
    return path.join(profileDir, 'Extensions', ...normalized.split('/'));
  }
  const versions = (await subfoldersInside(root, path.join(profileDir, 'Extensions', id))).sort();
  const latest = versions[versions.length - 1];
  return latest ? path.join(profileDir, 'Extensions', id, latest) : null;
}

async function readJsonInside(root: string, file: string, maxBytes: number): Promise<{ value: Record<string, unknown> | null; problem?: ReadFailure | 'not valid JSON' }> {
  const read = await readInside(root, file, maxBytes);
  if (!read.ok) return { value: null, ...(read.reason === 'missing' ? {} : { problem: read.reason }) };
  const value = parseJsonObject(read.text);
  return value ? { value } : { value: null, problem: 'not valid JSON' };
}

/** The profile folders of a Chromium "User Data" folder: those Local State names, and the usual ones present. */
export async function chromiumProfileFolders(root: string): Promise<string[]> {
  const present = new Set(await subfoldersInside(root, '.'));
  const named: string[] = [];
  const localState = await readJsonInside(root, 'Local State', LOCAL_STATE_MAX_BYTES);
  const profile = localState.value && isRecord(localState.value.profile) ? localState.value.profile : null;
  if (profile && isRecord(profile.info_cache)) {
    for (const name of Object.keys(profile.info_cache)) {
      if (/^[^/\\]{1,100}$/.test(name) && name !== '.' && name !== '..' && present.has(name)) named.push(name);
    }
  }
  const usual = [...present].filter((name) => PROFILE_FOLDER.test(name)).sort();
  return [...new Set([...named, ...usual])];
}

/** Every installed extension of one profile (component and default ones left out). `profileDir` is relative to
 * `root` ('' when the root is the profile, as Opera's is). */
export async function readChromiumProfile(root: string, profileDir: string, profileLabel: string): Promise<ProfileExtensions> {
  const unreadable: Unreadable[] = [];
  const settings: Record<string, Record<string, unknown>> = {};
  for (const file of ['Preferences', 'Secure Preferences']) {
    const { value, problem } = await readJsonInside(root, path.join(profileDir, file), PREFERENCES_MAX_BYTES);
    if (problem) unreadable.push({ file: posixRelative(profileDir, file), reason: problem });
    const extensions = value && isRecord(value.extensions) ? value.extensions : null;
    if (!extensions || !isRecord(extensions.settings)) continue;
    for (const [id, entry] of Object.entries(extensions.settings)) {
      // Secure Preferences, read second, completes what Preferences says about the same extension.
      if (EXTENSION_ID.test(id) && isRecord(entry)) settings[id] = { ...settings[id], ...entry };
    }
  }

  const items: BrowserExtension[] = [];
  for (const [id, entry] of Object.entries(settings)) {
    if (COMPONENT_LOCATIONS.has(entry.location as number)) continue;
    if (entry.was_installed_by_default === true || entry.was_installed_by_oem === true) continue;
    if (entry.location === undefined && entry.path === undefined && entry.manifest === undefined) continue; // a leftover
    const folder = await extensionFolder(root, profileDir, id, entry.path);
    let manifest = isRecord(entry.manifest) ? entry.manifest : null;
    if (!manifest && folder !== null) {
      const manifestFile = path.join(folder, 'manifest.json');
      const read = await readJsonInside(root, manifestFile, MANIFEST_MAX_BYTES);
      if (read.problem) unreadable.push({ file: manifestFile.split(path.sep).join('/'), reason: read.problem });
      manifest = read.value;
    }
    // Hosted apps and themes live in the same table but are not extensions.
    if (manifest && (manifest.app !== undefined || manifest.theme !== undefined)) continue;
    let name = manifest && typeof manifest.name === 'string' ? manifest.name : '';
    const message = /^__MSG_(.+)__$/.exec(name);
    if (message && manifest) name = (folder !== null ? await localizedName(root, folder, manifest, message[1]!) : null) ?? '';
    const permissions = permissionsOf(entry, manifest);
    const shown = displayText(name) || id;
    items.push({
      id,
      name: shown,
      profile: profileLabel,
      enabled: !isDisabled(entry),
      source: sourceOf(entry.location),
      permissions,
      risk: extensionRisk(shown, permissions),
    });
  }
  return { items, unreadable };
}
