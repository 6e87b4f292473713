// Starts the engine in an Electron utility process (principle 5) and adapts it to engine-client's EngineProcess.
import { utilityProcess } from 'electron';
import type { EngineProcess } from './engine-client.js';

export function forkEngineProcess(modulePath: string): EngineProcess {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Gateway Doctor engine', stdio: 'inherit' });
  return {
    // A no-op once the process has exited; the exit listener fails whatever was pending.
    send: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}
