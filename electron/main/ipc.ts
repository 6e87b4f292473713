// Registers every invoke channel of the contract with ipcMain, behind the guard, answered by the engine process.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { DIAGNOSE_TIMEOUT, INVOKE_METHODS, eventChannels, invokeChannels, type InvokeOutput } from '../common/contract.js';
import type { EngineClient, EngineEventListener } from './engine-client.js';
import { DNS_CHANGE_LIMIT_MS } from '../system/dns/limits.js';
import { createGuardedHandlers } from './ipc-guard.js';

/** Time the engine gets beyond the sweep's own deadline (the first systeminformation calls are slow). */
const ENGINE_GRACE_MS = 20_000;
/**
 * A DNS change may wait at an administrator password prompt twice (the change, then the undo of a failed
 * verification) and verify in between: main waits longer than all of that (limits.ts), and giving up on the
 * answer never stops the change itself (engine-client.ts SYSTEM_CHANGES).
 */

function progressTo(sender: WebContents): EngineEventListener {
  return (method, payload) => {
    if (!sender.isDestroyed()) sender.send(eventChannels[method].channel, payload);
  };
}

export interface IpcOptions {
  engine: EngineClient;
  appUrl: string;
  isTrustedSender: (sender: WebContents) => boolean;
  /** Checks an address against the engine's allowedLinks and opens it in the system browser (external-open.ts). */
  openExternal: (url: string) => Promise<InvokeOutput<'openExternal'>>;
}

/** Registers the handlers; the returned function removes them. */
export function registerIpc(options: IpcOptions): () => void {
  const handlers = createGuardedHandlers<IpcMainInvokeEvent>({
    trustedUrl: options.appUrl,
    isTrustedSender: options.isTrustedSender,
    implementation: {
      getInfo: (input) => options.engine.call('getInfo', input, { timeoutMs: ENGINE_GRACE_MS }),
      runDiagnosis: (input, event) =>
        options.engine.call('runDiagnosis', input, {
          onEvent: progressTo(event.sender),
          timeoutMs: (input.timeoutMs ?? DIAGNOSE_TIMEOUT.default) + ENGINE_GRACE_MS,
        }),
      recheck: (input, event) =>
        options.engine.call('recheck', input, {
          onEvent: progressTo(event.sender),
          timeoutMs: (input.timeoutMs ?? DIAGNOSE_TIMEOUT.default) + ENGINE_GRACE_MS,
        }),
      exportReport: (input) => options.engine.call('exportReport', input, { timeoutMs: ENGINE_GRACE_MS }),
      dnsStatus: (input, event) =>
        options.engine.call('dnsStatus', input, { onEvent: progressTo(event.sender), timeoutMs: ENGINE_GRACE_MS + 30_000 }),
      dnsPlan: (input, event) =>
        options.engine.call('dnsPlan', input, { onEvent: progressTo(event.sender), timeoutMs: ENGINE_GRACE_MS + 30_000 }),
      dnsSwitch: (input, event) =>
        options.engine.call('dnsSwitch', input, { onEvent: progressTo(event.sender), timeoutMs: DNS_CHANGE_LIMIT_MS }),
      dnsRevert: (input, event) =>
        options.engine.call('dnsRevert', input, { onEvent: progressTo(event.sender), timeoutMs: DNS_CHANGE_LIMIT_MS }),
      listBrowsers: (input) => options.engine.call('listBrowsers', input, { timeoutMs: ENGINE_GRACE_MS }),
      openInBrowser: (input) => options.engine.call('openInBrowser', input, { timeoutMs: ENGINE_GRACE_MS }),
      allowedLinks: (input) => options.engine.call('allowedLinks', input, { timeoutMs: ENGINE_GRACE_MS }),
      // Main opens links itself: the engine process has no system browser to hand them to.
      openExternal: (input) => options.openExternal(input.url),
      loadProgress: (input) => options.engine.call('loadProgress', input, { timeoutMs: ENGINE_GRACE_MS }),
      saveProgress: (input) => options.engine.call('saveProgress', input, { timeoutMs: ENGINE_GRACE_MS }),
      clearProgress: (input) => options.engine.call('clearProgress', input, { timeoutMs: ENGINE_GRACE_MS }),
      listServices: (input) => options.engine.call('listServices', input, { timeoutMs: ENGINE_GRACE_MS }),
      // A typed address's status page is probed first (STATUS_PROBE_TIMEOUT_MS), well within the grace.
      selectService: (input) => options.engine.call('selectService', input, { timeoutMs: ENGINE_GRACE_MS }),
      // The watch's states arrive as onWatch broadcasts (main.ts forwards them), not as events of these calls.
      startWatch: (input) => options.engine.call('startWatch', input, { timeoutMs: ENGINE_GRACE_MS }),
      stopWatch: (input) => options.engine.call('stopWatch', input, { timeoutMs: ENGINE_GRACE_MS }),
      getWatch: (input) => options.engine.call('getWatch', input, { timeoutMs: ENGINE_GRACE_MS }),
    },
  });
  for (const method of INVOKE_METHODS) ipcMain.handle(invokeChannels[method].channel, handlers[method]);
  return () => {
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(invokeChannels[method].channel);
  };
}
