// `npm run dist` (after the build): packages the app with electron-builder, passing on extra arguments
// (`npm run dist -- --dir`). electron-builder downloads the Electron zip for each target; where that cannot happen
// (no internet, as on our build machines) it fails with a stack trace. This says so in one paragraph instead, and
// passes every other failure on as electron-builder wrote it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builder = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const args = process.argv.slice(2);
const hasConfig = args.some((arg) => arg === '--config' || arg === '-c' || arg.startsWith('--config='));

/** A failure to fetch Electron (or another packaging binary) from the network, as electron-builder reports it. */
const DOWNLOAD_FAILURE = /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|cannot download|download failed|github\.com|objects\.githubusercontent/i;

const cannotDownload = [
  'Gateway Doctor cannot be packaged here: electron-builder needs the Electron zip for each target platform and',
  'could not download it (this machine cannot reach github.com). Run "npm run dist" again on a machine that is',
  'online, or point electron-builder at an Electron build already on disk: set ELECTRON_MIRROR to a mirror you',
  'can reach, or pass `-- -c.electronDist=FOLDER` with a folder holding the unpacked Electron for this platform.',
  'Nothing was written to release/ that could be shipped.',
].join('\n');

const child = spawn(process.execPath, [builder, ...(hasConfig ? [] : ['--config', 'electron-builder.yml']), ...args], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
let failed = false;
// Progress lines ("  • packaging …") are shown as they come; everything else is held until the outcome is known.
let pending = '';
/** electron-builder marks its failure with "⨯" and then may linger half a minute on open sockets: stop it then. */
const watchForFailure = () => {
  if (failed || !/^\s*⨯/m.test(output)) return;
  failed = true;
  setTimeout(() => child.kill('SIGTERM'), 1_000).unref();
};
child.stdout.setEncoding('utf8').on('data', (chunk) => {
  output += chunk;
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (/^\s*•/.test(line)) process.stdout.write(`${line}\n`);
  watchForFailure();
});
child.stderr.setEncoding('utf8').on('data', (chunk) => {
  output += chunk;
  watchForFailure();
});
child.on('error', (error) => {
  console.error(`Gateway Doctor: could not run electron-builder: ${error.message}`);
  process.exit(1);
});
child.on('close', (code) => {
  if (code === 0 && !failed) {
    process.exit(0);
  }
  if (DOWNLOAD_FAILURE.test(output)) {
    const reason = output.split('\n').find((line) => DOWNLOAD_FAILURE.test(line))?.replace(/\s*(failedTask|stackTrace)=.*$/, '').trim();
    console.error(`${cannotDownload}${reason ? `\n(electron-builder said: ${reason.replace(/^⨯\s*/, '')})` : ''}`);
  } else {
    process.stderr.write(output.split('\n').filter((line) => !/^\s*•/.test(line)).join('\n'));
  }
  process.exit(code || 1);
});
