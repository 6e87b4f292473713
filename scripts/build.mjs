// Builds every part: main, engine host, preload, CLI and development bridge with esbuild; the renderer with Vite.
// `--only a,b` builds some parts (e.g. `--only renderer,bridge` for `npm run web`).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = (() => {
  const index = process.argv.indexOf('--only');
  return index === -1 ? null : new Set(process.argv[index + 1].split(','));
})();
const wanted = (part) => only === null || only.has(part);

// CommonJS bundles have no import.meta.url: say so (code that also runs from the ES-module sources checks for it).
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'import.meta.url': 'undefined' },
};

// systeminformation's network reading runs in a worker thread; every bundle that holds the engine finds the
// worker's own bundle next to itself (electron/system/network/interfaces.ts, locateInterfacesWorker).
const INTERFACES_WORKER = { 'interfaces-worker': 'electron/system/network/interfaces-worker.mjs' };
const interfacesWorker = (outdir) => esbuild({ ...node, entryPoints: INTERFACES_WORKER, outdir, outExtension: { '.js': '.cjs' } });

const parts = {
  cli: () =>
    Promise.all([esbuild({ ...node, entryPoints: ['electron/cli/bin.ts'], outfile: 'dist/cli/cli.cjs' }), interfacesWorker('dist/cli')]),
  main: () =>
    esbuild({
      ...node,
      // The worker sits in dist/main, which electron-builder packs into app.asar.
      entryPoints: { main: 'electron/main/main.ts', 'engine-host': 'electron/main/engine-host.ts', ...INTERFACES_WORKER },
      outdir: 'dist/main',
      outExtension: { '.js': '.cjs' },
      external: ['electron'],
    }),
  // A sandboxed preload cannot be an ES module or require local files: one CommonJS file.
  preload: () =>
    esbuild({ ...node, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', external: ['electron'] }),
  bridge: () =>
    Promise.all([
      esbuild({ ...node, entryPoints: ['electron/bridge/server.ts'], outfile: 'dist/bridge/bridge.cjs' }),
      interfacesWorker('dist/bridge'),
      esbuild({
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'chrome120',
        absWorkingDir: root,
        logLevel: 'warning',
        entryPoints: ['electron/bridge/client.ts'],
        outfile: 'dist/bridge/client.js',
      }),
    ]),
  renderer: () => viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' }),
};

const started = Date.now();
if (only === null) await rm(path.join(root, 'dist'), { recursive: true, force: true });
for (const [name, run] of Object.entries(parts)) {
  if (wanted(name)) await run();
}
console.log(`built ${only ? [...only].join(', ') : 'everything'} in ${Date.now() - started} ms`);
