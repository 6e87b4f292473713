// The engine's API, exposed by the Electron preload or, in a browser, by the development bridge's script.
// Optional: the page may be opened without either, and then says so instead of breaking.
import type { GatewayDoctorApi } from '../../electron/common/contract.js';

declare global {
  interface Window {
    gatewayDoctor?: GatewayDoctorApi;
  }
}

export {};
