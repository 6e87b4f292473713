// What `npm run dist` ships, proved without downloading Electron: electron-builder packs the app for real with a
// stand-in Electron distribution (`electronDist`: a folder holding an "electron" executable that carries Electron's
// fuse sentinel and a fuse wire, as @electron/fuses expects of the real binary). The test opens the app.asar it
// writes (@electron/asar) and reads the fuses back (@electron/fuses).
//   - app.asar holds the built main, engine host, interfaces worker, preload and renderer, and they find each other
//     by the paths the code uses (package.json "main", electron/main/paths.ts, the worker next to its bundle, the
//     page's own script and style); no test, source, source map, lab file, bridge, CLI or dependency is in it.
//     (Electron loads worker_threads scripts from inside app.asar since electron/electron#33216.)
//   - the fuses the README promises (electron-builder.yml's electronFuses) are flipped in the executable.
//   - `npm run dist` where Electron cannot be downloaded ends in one paragraph, not a stack trace.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { netnsUnavailableReason, runInNetns } from '../e2e/lab/netns.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[]; extractFile(archive: string, file: string): Buffer };
const fuses = require('@electron/fuses') as {
  getCurrentFuseWire(executable: string): Promise<Record<string, number | string>>;
  FuseV1Options: Record<string, number>;
};
/** A fuse's byte in the wire: ASCII '1' on, '0' off (@electron/fuses' FuseState). */
const FUSE = { on: 0x31, off: 0x30 } as const;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILDER = require.resolve('electron-builder/cli.js');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse names as electron-builder.yml spells them → @electron/fuses' option names. */
const FUSE_OPTION: Record<string, string> = {
  runAsNode: 'RunAsNode',
  enableCookieEncryption: 'EnableCookieEncryption',
  enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
  enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
  enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
  onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
  loadBrowserProcessSpecificV8Snapshot: 'LoadBrowserProcessSpecificV8Snapshot',
  grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges',
};

/** electronFuses of electron-builder.yml: name → promised state. */
function promisedFuses(): Record<string, boolean> {
  const yml = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ \t]+\S.*\n)+)/m.exec(yml);
  if (!block) return {};
  return Object.fromEntries([...block[1]!.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1]!, m[2] === 'true']));
}

let out: string;
let archive: string;
let files: string[];

/** Runs electron-builder --dir for Linux with the stand-in Electron; resolves with its output. */
function pack(electronDist: string, output: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILDER, '--dir', '--linux', '--x64', '--config', 'electron-builder.yml', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('close', (code) => resolve({ code, output: text }));
  });
}

beforeAll(async () => {
  // `npm test` builds first; on its own, this test builds the packaged parts once.
  if (!['dist/main/main.cjs', 'dist/main/engine-host.cjs', 'dist/main/interfaces-worker.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html'].every((f) => existsSync(path.join(ROOT, f)))) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--only', 'main,preload,renderer'], { cwd: ROOT, stdio: 'ignore' });
  }
  const work = mkdtempSync(path.join(tmpdir(), 'gd-package-'));
  const electronDist = path.join(work, 'electron-dist');
  mkdirSync(electronDist);
  // Every promised fuse starts in the opposite state, so reading it back proves electron-builder flipped it.
  const promised = promisedFuses();
  const wire = Buffer.alloc(9, FUSE.on);
  for (const [name, value] of Object.entries(promised)) wire[fuses.FuseV1Options[FUSE_OPTION[name]!]!] = value ? FUSE.off : FUSE.on;
  writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/false\nstand-in for the Electron binary\n'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire, Buffer.from('\n')]), { mode: 0o755 });
  writeFileSync(path.join(electronDist, 'version'), '45.5.0');
  out = path.join(work, 'release');
  const run = await pack(electronDist, out);
  expect(run.code, run.output).toBe(0);
  archive = path.join(out, 'linux-unpacked', 'resources', 'app.asar');
  files = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
}, 120_000);

const read = (file: string): string => asar.extractFile(archive, file).toString('utf8');

describe('the packaged app (electron-builder --dir with a stand-in Electron)', () => {
  it('holds the built main, engine host, interfaces worker, preload and renderer, and nothing else', () => {
    const shipped = files.filter((f) => !files.some((other) => other.startsWith(`${f}/`))); // files, not folders
    expect(shipped.filter((f) => !/^dist\/renderer\/assets\/index-[\w-]+\.(js|css)$/.test(f)).sort()).toEqual(
      ['dist/main/engine-host.cjs', 'dist/main/interfaces-worker.cjs', 'dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/icon.svg', 'dist/renderer/index.html', 'package.json'].sort(),
    );
    for (const file of files) {
      expect(file, 'a source map').not.toMatch(/\.map$/);
      expect(file, 'a source file').not.toMatch(/\.(ts|tsx|mts)$/);
      expect(file, 'a test, fixture or lab file').not.toMatch(/(^|\/)(e2e|lab|fixtures|__tests__)(\/|$)|\.test\.|\.spec\./);
      expect(file, 'a dependency').not.toMatch(/(^|\/)node_modules(\/|$)/);
      expect(file, 'the development bridge or the CLI').not.toMatch(/^dist\/(bridge|cli)\//);
    }
  });

  it('finds every part by the path the code uses', () => {
    const pkg = JSON.parse(read('package.json')) as { main: string; devDependencies?: unknown };
    expect(files).toContain(pkg.main);
    expect(pkg.devDependencies).toBeUndefined();
    const main = read(pkg.main);
    // electron/main/paths.ts: siblings of dist/main, joined from the bundle's folder.
    for (const [folder, file] of [['preload', 'preload.cjs'], ['main', 'engine-host.cjs'], ['renderer', 'index.html']] as const) {
      expect(main).toContain(`"${folder}", "${file}"`);
      expect(files).toContain(`dist/${folder}/${file}`);
    }
    // electron/system/network/interfaces.ts: the worker next to the bundle that starts it (the engine host).
    expect(read('dist/main/engine-host.cjs')).toContain('"interfaces-worker.cjs"');
    expect(files).toContain('dist/main/interfaces-worker.cjs');
    // The page's script and style, relative to index.html.
    const html = read('dist/renderer/index.html');
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `dist/renderer/${m[1]}`);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    for (const asset of assets) expect(files).toContain(asset);
  });

  it('needs no package at run time: every bundle requires only Node built-ins and electron', () => {
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    for (const bundle of ['dist/main/main.cjs', 'dist/main/engine-host.cjs', 'dist/main/interfaces-worker.cjs', 'dist/preload/preload.cjs']) {
      const code = read(bundle);
      const missing = [...code.matchAll(/\brequire\("([^"]+)"\)/g)]
        .filter((m) => !allowed.has(m[1]!) && !m[1]!.startsWith('.'))
        // systeminformation's optional macOS sensor packages, each tried in a try block and skipped when absent.
        .filter((m) => !/try\s*\{\s*(?:const|let|var)\s+\w+\s*=\s*$/.test(code.slice(Math.max(0, m.index - 80), m.index)))
        .map((m) => m[1]);
      expect(missing, bundle).toEqual([]);
    }
  });

  it('flips every fuse electron-builder.yml and the README promise', async () => {
    const promised = promisedFuses();
    expect(Object.keys(promised).sort()).toEqual(
      ['enableCookieEncryption', 'enableEmbeddedAsarIntegrityValidation', 'enableNodeCliInspectArguments', 'enableNodeOptionsEnvironmentVariable', 'onlyLoadAppFromAsar', 'runAsNode'].sort(),
    );
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const wire = await fuses.getCurrentFuseWire(path.join(out, 'linux-unpacked', 'gateway-doctor'));
    for (const [name, value] of Object.entries(promised)) {
      const option = FUSE_OPTION[name]!;
      expect(readme, `README names the ${option} fuse`).toContain(option);
      expect(wire[fuses.FuseV1Options[option]!], option).toBe(value ? FUSE.on : FUSE.off);
    }
  });
});

const netnsProblem = netnsUnavailableReason();
if (netnsProblem) console.warn(`npm run dist without a network: skipped (${netnsProblem})`);

describe.skipIf(netnsProblem !== null)('npm run dist where Electron cannot be downloaded', () => {
  it('says so in one paragraph, without a stack trace', async () => {
    const output = path.join(mkdtempSync(path.join(tmpdir(), 'gd-dist-offline-')), 'release');
    // Inside a namespace with nothing but loopback: the download fails at once, and nothing can leave the machine.
    const run = await runInNetns([process.execPath, path.join(ROOT, 'scripts/dist.mjs'), '--dir', '--linux', `-c.directories.output=${output}`], {
      resolvConf: 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n',
      // As a person runs it: with VITEST set, electron-builder's downloader keeps retrying for half a minute.
      env: { VITEST: '' },
      timeoutMs: 90_000,
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^Gateway Doctor cannot be packaged here: electron-builder needs the Electron zip .*\n(.+\n){3}Nothing was written to release\/ that could be shipped\.\n\(electron-builder said: .*github\.com.*\)\n$/);
    expect(run.stderr + run.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  }, 100_000);
});
