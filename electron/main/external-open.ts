// Opening an address in the system browser, from the openExternal channel, a link the page follows or a window it
// tries to open: only what the engine's allowedLinks permit (the profile's https origins and the captive portal the
// engine measured itself, never anything the page supplies as permission). No runtime electron import: main.ts
// passes shell.openExternal, tests a recorder.
import { EXTERNAL_LINK_REFUSED, externalUrlToOpen, type AllowedLinks, type OpenExternalResult } from '../common/external-links.js';

export interface ExternalOpenerOptions {
  /** The engine's current allowedLinks (main asks the engine, which knows the profile and the last measurement). */
  allowedLinks: () => Promise<AllowedLinks>;
  /** shell.openExternal in main. */
  open: (url: string) => Promise<void>;
  log?: (line: string) => void;
}

export class RefusedLinkError extends Error {
  constructor() {
    super(EXTERNAL_LINK_REFUSED);
    this.name = 'RefusedLinkError';
  }
}

/** Checks an address and opens it; throws RefusedLinkError (nothing opened) when it is not allowed. */
export function createExternalOpener(options: ExternalOpenerOptions): (url: string) => Promise<OpenExternalResult> {
  const log = options.log ?? ((line: string) => console.warn(`[security] ${line}`));
  return async (url) => {
    const safe = externalUrlToOpen(url, await options.allowedLinks());
    if (safe === null) {
      log(`refused to open ${JSON.stringify(url.slice(0, 300))}`);
      throw new RefusedLinkError();
    }
    await options.open(safe);
    return { url: safe, opened: true };
  };
}
