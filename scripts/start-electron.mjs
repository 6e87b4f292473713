// `npm start` (after the build): runs the app in Electron, passing on extra arguments
// (`npm start -- --profile FILE`). When the Electron binary is missing it says how to get it, in one paragraph.
//
// The electron package (v45) does not download its binary at `npm install`: `require('electron')` downloads it
// on first use (node_modules/electron/index.js runs install.js, which fetches it with @electron/get) and throws a
// stack when that fails. So the binary is looked up here the same way index.js does; when it is missing, the same
// install.js runs once, with its output kept, and a failure ends in one clear paragraph instead of a stack.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The Electron executable, as node_modules/electron/index.js resolves it, or null when it is not there. */
function findElectron() {
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (executable === '') return null;
  const candidate = path.join(electronDir, 'dist', executable);
  return existsSync(candidate) ? candidate : null;
}

const missing = [
  'Gateway Doctor cannot start: the Electron binary is not installed (node_modules/electron/dist is missing) and',
  'could not be downloaded. Electron 45 downloads it at first launch rather than at "npm install", and that needs',
  `internet access: run "npm start" again once online, or "npx install-electron" in ${root}.`,
  'Behind a mirror, set ELECTRON_MIRROR to it first; with',
  'a binary already unpacked elsewhere, set ELECTRON_OVERRIDE_DIST_PATH to its folder. Meanwhile "npm run web"',
  'shows the same UI in a browser, backed by the same engine.',
].join('\n');

/** First launch: fetch the binary the way the electron package itself would. Returns why it failed, or null. */
function downloadElectron() {
  console.error('Downloading the Electron binary (first launch only)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60_000,
  });
  if (result.status === 0) return null;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const reason = output.split('\n').map((line) => line.trim()).find((line) => /error|fail/i.test(line));
  return reason ?? (result.error ? result.error.message : `install.js exited with ${result.status ?? result.signal}`);
}

let electron = findElectron();
if (electron === null && existsSync(path.join(electronDir, 'install.js'))) {
  const failure = downloadElectron();
  electron = failure === null ? findElectron() : null;
  if (failure !== null) console.error(`The download failed: ${failure}\n`);
}
if (electron === null) {
  console.error(missing);
  process.exit(1);
}
if (!existsSync(path.join(root, 'dist', 'main', 'main.cjs'))) {
  console.error('Gateway Doctor is not built yet: run "npm run build" first (npm start does it for you).');
  process.exit(1);
}

// npm runs scripts from the package root; a relative `--profile FILE` means the caller's directory.
const cwd = process.env.INIT_CWD && existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : process.cwd();
const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd, windowsHide: false });

child.on('error', (error) => {
  console.error(`Gateway Doctor: could not run ${electron}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
