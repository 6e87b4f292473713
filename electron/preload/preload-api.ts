// Builds `window.gatewayDoctor` from the IPC contract: one named method per invoke channel and one subscribe
// method per event channel. Never a generic invoke, never ipcRenderer or its event object. No electron import,
// so it is unit-tested with a stand-in for ipcRenderer.
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../common/channels.js';
import type { EventMethod, GatewayDoctorApi, InvokeMethod } from '../common/contract.js';

/** The slice of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildApi(ipc: IpcRendererLike): GatewayDoctorApi {
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(INVOKE_CHANNELS) as InvokeMethod[]) {
    const channel = INVOKE_CHANNELS[method];
    // Only the first argument crosses; main validates it against the contract.
    api[method] = (input?: unknown) => ipc.invoke(channel, input);
  }
  for (const method of Object.keys(EVENT_CHANNELS) as EventMethod[]) {
    api[method] = subscriber(ipc, method);
  }
  return Object.freeze(api) as GatewayDoctorApi;
}

function subscriber(ipc: IpcRendererLike, method: EventMethod) {
  const channel = EVENT_CHANNELS[method];
  return (listener: (payload: unknown) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError(`${method} needs a listener function`);
    // The renderer gets the payload only: the IPC event would hand it `sender` (ipcRenderer itself).
    const relay = (_event: unknown, payload: unknown) => listener(payload);
    ipc.on(channel, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, relay);
    };
  };
}
