// Serving the built renderer: safe path resolution (nothing outside its folder, no dotfiles), content types,
// the CSP the page declares, and the injection of the bridge script that defines `window.gatewayDoctor`.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Where the page loads the bridge client from (served from dist/bridge/client.js). */
export const BRIDGE_SCRIPT_PATH = '/gateway-doctor-bridge.js';
const BRIDGE_SCRIPT_TAG = `<script src=".${BRIDGE_SCRIPT_PATH}"></script>`;

/** Used when the page declares no CSP of its own (e.g. before the renderer is built). */
export const DEFAULT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; file: string }
  /** Outside the folder, a dotfile, or not a clean path: refused whether or not it exists. */
  | { kind: 'forbidden' }
  | { kind: 'not-found' };

/**
 * Maps a URL path (already without its query) to a file inside `root`. Decoding happens once, here, and the
 * result must stay inside the real (symlink-resolved) root.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const segments = decoded.split('/').filter((s) => s !== '');
  // `..` (traversal) and dotfiles (.env, .git) are refused outright, before touching the disk.
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'forbidden' };
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { kind: 'not-found' };
  }
  let file: string;
  try {
    file = await realpath(path.join(realRoot, ...segments));
  } catch {
    return { kind: 'not-found' };
  }
  // A symlink inside the folder must not lead out of it.
  const relative = path.relative(realRoot, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return relative === '' ? { kind: 'not-found' } : { kind: 'forbidden' };
  }
  try {
    if (!(await stat(file)).isFile()) return { kind: 'not-found' };
  } catch {
    return { kind: 'not-found' };
  }
  return { kind: 'file', file };
}

/** Adds the bridge script before the page's first script, so `window.gatewayDoctor` exists when the app starts. */
export function injectBridgeScript(html: string): string {
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1) return html.slice(0, firstScript) + BRIDGE_SCRIPT_TAG + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd !== -1) return html.slice(0, headEnd) + BRIDGE_SCRIPT_TAG + html.slice(headEnd);
  return BRIDGE_SCRIPT_TAG + html;
}

const decodeEntities = (value: string): string =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The CSP declared by the page's `<meta http-equiv="Content-Security-Policy">`, or null. */
export function cspFromHtml(html: string): string | null {
  for (const match of html.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = match[0];
    if (!/http-equiv\s*=\s*["']?content-security-policy["'\s>/]/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value !== undefined && value.trim() !== '') return decodeEntities(value).trim();
  }
  return null;
}

/**
 * The CSP header the bridge sends: the page's own policy (so the page behaves as in Electron), plus
 * `frame-ancestors 'none'`, which a meta tag cannot express.
 */
export function cspHeaderFor(html: string | null): string {
  const policy = (html !== null ? cspFromHtml(html) : null) ?? DEFAULT_CSP;
  const trimmed = policy.replace(/;\s*$/, '');
  return /(^|;)\s*frame-ancestors\b/i.test(trimmed) ? trimmed : `${trimmed}; frame-ancestors 'none'`;
}
