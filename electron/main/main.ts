// The Electron main process: app lifecycle only. The engine runs in a utility process (engine-host.ts), the UI
// in a sandboxed window (window.ts); this file loads the profile, applies the security policy and wires IPC.
import { app, BrowserWindow, dialog, Notification, session, shell, type WebContents } from 'electron';
import { eventChannels, type EventMethod, type EventPayload } from '../common/contract.js';
import type { Profile } from '../common/spec.js';
import { watchNotification } from '../common/watch.js';
import { DATA_DIR_ENV } from '../engine/paths.js';
import { loadProfile } from '../engine/profile.js';
import { QUIT_WAIT_FOR_CHANGE_MS } from '../system/dns/limits.js';
import { parseAppArgs } from './app-args.js';
import { createEngineClient, type EngineClient } from './engine-client.js';
import { forkEngineProcess } from './engine-process.js';
import { registerIpc } from './ipc.js';
import { appPaths } from './paths.js';
import { applySessionPolicy, hardenAllWebContents } from './security.js';
import { createExternalOpener } from './external-open.js';
import { externalOrigins } from './url-policy.js';
import { browserHelpPages } from '../common/browser-help.js';
import { createMainWindow } from './window.js';
import { windowTitle } from './window-title.js';

const EXIT_BAD_PROFILE = 2;

/** One clear dialog, then quit: a bad profile or bad arguments are the user's to fix. */
function failToStart(message: string): void {
  console.error(`Gateway Doctor: ${message}`);
  dialog.showErrorBox('Gateway Doctor cannot start', message);
  app.exit(EXIT_BAD_PROFILE);
}

async function readProfile(): Promise<Profile | null> {
  const parsed = parseAppArgs(process.argv, process.cwd());
  if (!parsed.ok) {
    failToStart(`${parsed.message}.`);
    return null;
  }
  try {
    return await loadProfile(parsed.args.profilePath);
  } catch (error) {
    // ProfileError's message is one line naming the file and the problem (SPEC.md "Profile").
    failToStart(`The profile cannot be used: ${(error as Error).message}`);
    return null;
  }
}

function main(): void {
  // Every renderer sandboxed, whatever a window's options say (checklist: "Enable process sandboxing").
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  let engine: EngineClient | null = null;
  const isAppWindow = (sender: WebContents): boolean => window !== null && !window.isDestroyed() && sender === window.webContents;

  app.on('second-instance', () => {
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const client = engine;
    if (client === null) return;
    engine = null;
    if (!client.changingSystem()) {
      void client.dispose();
      return;
    }
    // Quitting in the middle of a DNS switch would leave it half-done: let it verify (and keep or undo itself)
    // first, for a bounded time, then quit for real (this handler lets the second will-quit through).
    event.preventDefault();
    void client.dispose({ waitForChangeMs: QUIT_WAIT_FOR_CHANGE_MS }).finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    const profile = await readProfile();
    if (profile === null) return;

    // Links go out only as the engine allows (the profile's https origins, the portal it measured); before the
    // engine answers, the profile's origins alone.
    const openExternal = createExternalOpener({
      allowedLinks: async () =>
        engine === null ? { origins: externalOrigins(profile), portal: null, pages: browserHelpPages() } : engine.call('allowedLinks', undefined, { timeoutMs: 10_000 }),
      open: (url) => shell.openExternal(url),
    });
    const policy = { appUrl: appPaths.appUrl, rendererDir: appPaths.rendererDir, openExternal };
    applySessionPolicy(session.defaultSession, policy);
    hardenAllWebContents(policy);

    // The engine process inherits this: its DNS journal lives in the app's own data folder.
    process.env[DATA_DIR_ENV] ??= app.getPath('userData');
    // Events outside any call (a watch's states) go to the window; the moment the service works again is also a
    // desktop notification, whether or not the page is looking.
    const onBroadcast = <E extends EventMethod>(method: E, payload: EventPayload<E>): void => {
      if (window !== null && !window.isDestroyed()) window.webContents.send(eventChannels[method].channel, payload);
      const note = method === 'onWatch' ? watchNotification(payload as EventPayload<'onWatch'>) : null;
      if (note !== null && Notification.isSupported()) new Notification(note).show();
    };
    engine = createEngineClient({
      profile,
      spawn: () => forkEngineProcess(appPaths.engineHost),
      // The engine's proxy checks follow Chromium's own decision (PAC, WPAD, policies, OS settings).
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
      onBroadcast,
    });
    engine.start();
    registerIpc({ engine, appUrl: appPaths.appUrl, isTrustedSender: isAppWindow, openExternal });

    window = createMainWindow(windowTitle(profile.name));
    window.on('closed', () => (window = null));
    engine.onProfileChange((next) => {
      if (window !== null && !window.isDestroyed()) window.setTitle(windowTitle(next.name));
    });
  });
}

main();
