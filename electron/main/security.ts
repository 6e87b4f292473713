// The security policy of Electron's checklist that is not a BrowserWindow option: deny permissions (but
// notifications for the app's own page), remote
// content, downloads (but the exported report), webviews, new windows and navigation; open only allowed https:
// pages in the system browser.
import path from 'node:path';
import { app, type Session, type WebContents } from 'electron';
import { isAllowedDownload, isAllowedFrameNavigation, isAllowedPermission, isAllowedRendererRequest, isAppPage } from './url-policy.js';

export interface SecurityPolicy {
  appUrl: string;
  rendererDir: string;
  /** Opens an address in the system browser if the engine's allowedLinks permit it (external-open.ts); refusals
   * are logged there. */
  openExternal: (url: string) => Promise<unknown>;
}

export function applySessionPolicy(session: Session, policy: SecurityPolicy): void {
  session.setPermissionRequestHandler((contents, permission, callback) => callback(isAllowedPermission(permission, contents?.getURL(), policy.appUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isAllowedPermission(permission, details?.requestingUrl ?? requestingOrigin, policy.appUrl),
  );
  session.setDevicePermissionHandler(() => false);
  // The page needs nothing but its own files: no remote content, whatever a bug or injected markup asks for.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRendererRequest(details.url, policy.rendererDir);
    if (!allowed) console.warn(`[security] blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  // The exported report arrives as a blob: download; Electron then asks where to save it. Nothing else downloads.
  session.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) {
      console.warn(`[security] blocked a download of ${item.getURL()}`);
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({
      title: 'Save the diagnostic report',
      defaultPath: path.join(app.getPath('downloads'), path.basename(item.getFilename())),
    });
  });
}

function openExternally(url: string, policy: SecurityPolicy): void {
  policy.openExternal(url).catch((error: unknown) => console.warn(`[security] did not open ${url.slice(0, 300)}: ${String(error)}`));
}

export function hardenWebContents(contents: WebContents, policy: SecurityPolicy): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, policy);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppPage(event.url, policy.appUrl)) return; // reloading the app page itself
    event.preventDefault();
    openExternally(event.url, policy);
  });
  contents.on('will-frame-navigate', (event) => {
    // The report preview's inline, sandboxed frame is the only one the page has; nothing may load another.
    if (!isAllowedFrameNavigation(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!event.isSameDocument) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies hardenWebContents to every web contents the app ever creates. */
export function hardenAllWebContents(policy: SecurityPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
}
