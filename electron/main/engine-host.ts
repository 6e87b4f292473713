// Entry point of the engine process (principle 5: the engine's blocking work stays off the main process).
// Electron runs it with utilityProcess.fork and talks over process.parentPort. No electron import: the same
// file also runs under Node's child_process.fork (process.send), which is how the tests drive it.
import { createEngineService } from '../engine/service.js';
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

serveEngine(connectToParent(), {
  createService: (profile) => createEngineService({ profile, host: 'electron' }),
});
