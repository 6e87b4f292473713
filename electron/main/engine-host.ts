// Entry point of the engine process (principle 5: the engine's blocking work stays off the main process).
// Electron runs it with utilityProcess.fork and talks over process.parentPort. No electron import: the same
// file also runs under Node's child_process.fork (process.send), which is how the tests drive it.
import { resolveHostBackend, setSystemLookupBackend } from '../engine/net/system-lookup.js';
import { createEngineService } from '../engine/service.js';
import { setSystemProxyResolver } from '../system/proxy/resolver-hook.js';
import { serveEngine, type HostPort } from './engine-server.js';

/** The slice of Electron's ParentPort used here (`process.parentPort` inside a utility process). */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
}

function connectToParent(): HostPort {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (messageEvent) => listener(messageEvent.data)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    // Without the parent there is nobody to answer: leave instead of lingering.
    process.on('disconnect', () => process.exit(0));
    return {
      post: (message) => void send(message),
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('engine-host must run as an Electron utility process or a Node child process with an IPC channel');
}

// Inside Electron, "what the browser uses" is Chromium's own resolver, and the packaged app cannot re-run itself
// as Node (the RunAsNode fuse is off), so the DNS check asks Chromium through net.resolveHost.
if (process.versions.electron) {
  // A runtime require on purpose: under plain Node (the tests) this branch never loads electron.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { net } = require('electron') as typeof import('electron');
  setSystemLookupBackend(resolveHostBackend((host) => net.resolveHost(host)));
}

// "What the browser uses" for proxies is Chromium's decision too, but only main has a session: when main offers
// it (init.resolvesProxies), the engine's resolver hook relays to main (session.resolveProxy), falling back to the
// settings it reads itself when main does not answer in time. Without the offer the engine reads them alone.
serveEngine(connectToParent(), {
  createService: (profile, broadcast) => createEngineService({ profile, host: 'electron', broadcast }),
  installProxyResolver: setSystemProxyResolver,
});
