// Worker-thread entry: reads systeminformation's network interfaces on this thread's own event loop, so that its
// execSync calls (hundreds of ms) never hold the engine's loop (ARCHITECTURE.md, principle 5). Started by
// interfaces.ts through run-worker.ts; posts one InterfacesWorkerMessage (see interfaces.ts) and ends.
// Plain JavaScript on purpose: it runs as is from the sources (vitest, tsx), with no TypeScript loader inside the
// worker, and scripts/build.mjs bundles it next to each engine bundle as interfaces-worker.cjs.
import { parentPort } from 'node:worker_threads';
import si from 'systeminformation';

if (parentPort) {
  const port = parentPort;
  si.networkInterfaces().then(
    (list) => port.postMessage({ ok: true, interfaces: Array.isArray(list) ? list : [list] }),
    (error) => port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}
