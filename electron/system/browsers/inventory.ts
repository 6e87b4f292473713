// One browser's extension inventory across its profile folders: read-only, never throws, capped in size.
import path from 'node:path';
import type { BrowserExtension, ExtensionInventory } from '../../common/browser-schema.js';
import { chromiumProfileFolders, readChromiumProfile, type Unreadable } from './chromium-extensions.js';
import { readFirefoxRoot } from './firefox-extensions.js';
import type { BrowserId } from './known-browsers.js';
import { profileRoots, type ProfileDirOptions } from './profile-dirs.js';
import { folderExists } from './safe-read.js';

const MAX_ITEMS = 300;

/** A folder as the person may see it: under their home as `~`, so no user name travels with it. */
function shownFolder(dir: string, home: string): string {
  const relative = path.relative(home, dir);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? `~/${relative.split(path.sep).join('/')}` : dir;
}

/** Flagged enabled extensions first, then enabled ones, then by name. */
function byImportance(a: BrowserExtension, b: BrowserExtension): number {
  const rank = (e: BrowserExtension): number => (e.enabled && e.risk ? 0 : e.enabled ? 1 : 2);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

export async function readExtensionInventory(id: BrowserId, options: ProfileDirOptions): Promise<ExtensionInventory> {
  if (id === 'safari') {
    return {
      total: 0,
      flagged: 0,
      items: [],
      unreadable: [],
      unavailable: "Safari keeps its extensions in its own protected storage, so they are not listed here: see Safari → Settings → Extensions.",
    };
  }
  const items: BrowserExtension[] = [];
  const unreadable: Unreadable[] = [];
  for (const root of profileRoots(id, options)) {
    if (!(await folderExists(root.dir))) continue;
    const shown = shownFolder(root.dir, options.home);
    const found =
      root.kind === 'firefox'
        ? [await readFirefoxRoot(root.dir)]
        : root.singleProfile
          ? [await readChromiumProfile(root.dir, '', 'Default')]
          : await Promise.all((await chromiumProfileFolders(root.dir)).map((folder) => readChromiumProfile(root.dir, folder, folder)));
    for (const result of found) {
      items.push(...result.items);
      unreadable.push(...result.unreadable.map((u) => ({ file: `${shown}/${u.file}`, reason: u.reason })));
    }
  }
  items.sort(byImportance);
  return {
    total: items.length,
    flagged: items.filter((e) => e.enabled && e.risk !== null).length,
    items: items.slice(0, MAX_ITEMS),
    unreadable: unreadable.slice(0, 50),
  };
}
