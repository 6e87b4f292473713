// Which URLs the app may load, navigate to or hand to the system browser. Pure (no electron), unit-tested.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageUrl } from './ipc-guard.js';

/** Whether `url` is the app page itself (hash and query aside). */
export function isAppPage(url: string, appUrl: string): boolean {
  const page = pageUrl(url);
  return page !== null && page === pageUrl(appUrl);
}

/**
 * Whether the renderer may load `url`: only files inside the renderer's own folder (its page, scripts, styles,
 * images), inline data: images and the page's own blob: URLs. No remote content of any kind.
 */
export function isAllowedRendererRequest(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // data: images, and blob: URLs the page made itself (the exported report it hands over as a download).
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  // Developer tools load their own front end when a developer opens them (never in a packaged build).
  if (parsed.protocol === 'devtools:') return true;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let file: string;
  try {
    file = fileURLToPath(parsed);
  } catch {
    return false;
  }
  const relative = path.relative(path.resolve(rendererDir), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

// The addresses the system browser may be asked to open: the profile's https origins (targets, status page,
// support page) and the captive portal the engine measured. Shared with the engine (common/external-links.ts),
// which derives the list; main checks every address against it.
export { externalOrigins, externalUrlToOpen, type AllowedLinks } from '../common/external-links.js';

/** Whether a download may proceed: only the exported report, which the page hands over as a blob: URL. */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith('blob:');
}

/**
 * Whether a permission may be granted: only the few below, and only to the app's own page.
 */
export function isAllowedPermission(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppPage(requestingUrl, appUrl);
}

/** Notifications (a timer's end, a service that is back) and writing to the clipboard ("Copy summary"). Reading
 * the clipboard, the camera, location and the rest stay denied. */
const GRANTED_PERMISSIONS = new Set(['notifications', 'clipboard-sanitized-write']);

/**
 * Whether a frame of the app's page may navigate: the main frame is governed by will-navigate; the only sub-frame
 * the page has is the report preview, whose content is inline (about:srcdoc) and sandboxed. Nothing may load a
 * frame from anywhere else.
 */
export function isAllowedFrameNavigation(url: string, isMainFrame: boolean): boolean {
  return isMainFrame || url === 'about:srcdoc';
}
