// The development bridge (`npm run web -- [--profile FILE] [--port N]`): serves the renderer to an ordinary
// browser with `window.gatewayDoctor` bridged over HTTP to the REAL engine, for development and the Playwright
// tests. Never packaged. Bundled to dist/bridge/bridge.cjs (CommonJS: paths come from __dirname).
//
// Protocol
//   Start:   prints exactly one line on stdout, `Gateway Doctor (web bridge): http://127.0.0.1:PORT/?token=TOKEN`
//            (TOKEN: 24 random bytes, base64url). Listens on 127.0.0.1 only; `--port 0` or none: a free port.
//            A bad profile or bad usage: one line on stderr, exit 2. SIGINT/SIGTERM: closes, exit 0.
//            `--renderer-dir DIR` serves another page than dist/renderer (the bridge's own e2e tests).
//   Every request:
//            Host must be exactly `127.0.0.1:PORT` or `localhost:PORT`, else 421 (defeats DNS rebinding).
//            Origin, if present, must be `http://<that Host>`, else 403.
//            Responses carry Cache-Control: no-store, X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer
//            and the page's own CSP (read from index.html's meta tag) plus frame-ancestors 'none'.
//   GET/HEAD (no token: static files hold no secret):
//            `/`, `/index.html`    dist/renderer/index.html with `<script src="./gateway-doctor-bridge.js">`
//                                  injected before its first `<script`
//            `/gateway-doctor-bridge.js`   dist/bridge/client.js (defines window.gatewayDoctor)
//            anything else         a file under dist/renderer; `..`, dotfiles and symlinks leading out: 403
//   POST /api/<method>, one per invoke channel of electron/common/contract.ts:
//            header `x-gateway-doctor-token: TOKEN` (constant-time compare), else 401
//            unknown method 404; not POST 405; Content-Type not application/json 415; body over 64 KiB 413;
//            body not `{"input": …}` or input failing the channel's schema 400.
//            Refusals answer `{"error":{"message":"…"}}` (application/json) with that status.
//            Accepted calls answer 200 `application/x-ndjson`, one JSON object per line, streamed:
//              {"event":"onProgress","payload":…}   each event the engine emits during the call
//              {"result":…}  or  {"error":{"message":"…"}}   last line
//   POST /api/events (same token and body rules): an NDJSON stream that stays open, one line per event the engine
//            sends outside any call (a watch's {"event":"onWatch","payload":…}), to every open stream.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadProfile, ProfileError } from '../engine/profile.js';
import { BridgeUsageError, parseBridgeArgs } from './args.js';
import { startBridgeServer } from './bridge-server.js';

const PREFIX = 'gateway-doctor web bridge';

function exitWith(code: number, message: string): never {
  process.stderr.write(`${PREFIX}: ${message}\n`);
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  let args;
  try {
    args = parseBridgeArgs(argv);
  } catch (error) {
    if (error instanceof BridgeUsageError) exitWith(2, error.message);
    throw error;
  }
  let profile;
  try {
    // `npm run web` runs from the package root: a relative --profile means the caller's folder (npm's INIT_CWD).
    const callerDir = process.env.INIT_CWD ?? process.cwd();
    profile = await loadProfile(args.profile === undefined ? undefined : path.resolve(callerDir, args.profile));
  } catch (error) {
    if (error instanceof ProfileError) exitWith(2, error.message);
    throw error;
  }
  // The bundle lives in dist/bridge/, next to client.js and below dist/renderer/.
  const rendererDir = path.resolve(args.rendererDir ?? path.join(__dirname, '..', 'renderer'));
  const bridge = await startBridgeServer({
    profile,
    port: args.port,
    rendererDir,
    clientScript: path.join(__dirname, 'client.js'),
    ...(args.watchFirstCheckMs !== undefined ? { watchFirstCheckMs: args.watchFirstCheckMs } : {}),
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // A running diagnosis keeps timers until its deadline: exit once the server is closed.
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Before the URL goes out: whoever reads it may stop us at once, and must get a clean exit.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`${PREFIX}: warning: no renderer in ${rendererDir} yet (run "node scripts/build.mjs --only renderer")\n`);
  }
  process.stdout.write(`Gateway Doctor (web bridge): ${bridge.url}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  exitWith(1, message.split('\n')[0]!);
});
