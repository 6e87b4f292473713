// Where the built parts sit next to the bundled main process (dist/main/main.cjs), in development and inside
// the packaged app.asar alike.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// esbuild bundles main to CommonJS, so __dirname is dist/main.
const distDir = path.resolve(__dirname, '..');

export const appPaths = {
  preload: path.join(distDir, 'preload', 'preload.cjs'),
  engineHost: path.join(distDir, 'main', 'engine-host.cjs'),
  rendererDir: path.join(distDir, 'renderer'),
  indexHtml: path.join(distDir, 'renderer', 'index.html'),
  /** The page's URL as Chromium reports it (senderFrame.url, navigation URLs). */
  get appUrl(): string {
    return pathToFileURL(this.indexHtml).href;
  },
} as const;
