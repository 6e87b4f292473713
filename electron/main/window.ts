// The one app window: sandboxed, isolated, no Node, shown when its first paint is ready.
import { app, BrowserWindow } from 'electron';
import { appPaths } from './paths.js';

export function createMainWindow(title = 'Gateway Doctor'): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: appPaths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click (auxclick) would otherwise open links in ways the window-open and navigation handlers do not
      // all see; nothing in the app needs it (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The title names the service (main sets it); the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());
  void window.loadFile(appPaths.indexHtml).catch((error: unknown) => {
    console.error(`[window] could not load ${appPaths.indexHtml}: ${String(error)}`);
  });
  return window;
}
