// The sandboxed preload: exposes the contract's named methods as window.gatewayDoctor and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type IpcRendererLike } from './preload-api.js';

contextBridge.exposeInMainWorld('gatewayDoctor', buildApi(ipcRenderer as unknown as IpcRendererLike));
