// The preload's API builder with a stand-in for ipcRenderer (the real one exists only inside Electron):
// exactly the contract's methods, the right channels, and nothing of Electron's event object reaches a listener.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EVENT_METHODS, INVOKE_METHODS, eventChannels, invokeChannels } from '../common/contract.js';
import type { ProgressEvent } from '../common/spec.js';
import { buildApi, type IpcRendererLike } from './preload-api.js';

class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  invocations: { channel: string; args: unknown[] }[] = [];
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return { answered: channel };
  }
  /** What main's webContents.send does: the renderer's listener gets (event, ...args). */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, payload);
  }
}

const STARTED: ProgressEvent = { type: 'check-started', id: 'status-page', step: 'status-page', title: 'Status page' };

describe('preload API', () => {
  it('has exactly the contract’s named methods, frozen, and no generic invoke', () => {
    const api = buildApi(new FakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual([...INVOKE_METHODS, ...EVENT_METHODS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect('invoke' in api).toBe(false);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes each method on its own channel with only the first argument', async () => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    await expect(api.getInfo()).resolves.toEqual({ answered: invokeChannels.getInfo.channel });
    await api.runDiagnosis({ timeoutMs: 5_000 });
    (api.runDiagnosis as (...args: unknown[]) => Promise<unknown>)({ checks: [] }, 'extra', 'args');
    expect(ipc.invocations).toEqual([
      { channel: 'app:get-info', args: [undefined] },
      { channel: 'diagnose:run', args: [{ timeoutMs: 5_000 }] },
      { channel: 'diagnose:run', args: [{ checks: [] }] },
    ]);
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    const received: unknown[][] = [];
    const unsubscribe = api.onProgress((...args: unknown[]) => received.push(args));
    ipc.deliver(eventChannels.onProgress.channel, STARTED);
    expect(received).toEqual([[STARTED]]);

    unsubscribe();
    unsubscribe(); // twice is harmless
    ipc.deliver(eventChannels.onProgress.channel, STARTED);
    expect(received).toHaveLength(1);
    expect(ipc.listenerCount(eventChannels.onProgress.channel)).toBe(0);
  });

  it('keeps separate subscriptions independent', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.onProgress((p) => a.push(p));
    api.onProgress((p) => b.push(p));
    offA();
    ipc.deliver(eventChannels.onProgress.channel, STARTED);
    expect(a).toEqual([]);
    expect(b).toEqual([STARTED]);
  });

  it('refuses a subscription without a listener function', () => {
    const api = buildApi(new FakeIpcRenderer());
    expect(() => (api.onProgress as (l: unknown) => unknown)('nope')).toThrow(TypeError);
  });
});
