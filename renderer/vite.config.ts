// Builds the wizard into dist/renderer. The page runs under a strict CSP (no inline script or style), so
// nothing may be inlined: no data-URL assets and no injected modulepreload polyfill.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { REPORT_STYLE_HASH } from '../electron/report/html-style.js';

/** The report preview in the support step is the HTML report itself, in a sandboxed frame that inherits this page's
 * CSP: its one stylesheet is allowed by hash (computed from the report's CSS at build time, so it never drifts). */
const reportStyleHash = {
  name: 'gateway-doctor-report-style-hash',
  transformIndexHtml: (html: string) => html.replace('%REPORT_STYLE_HASH%', REPORT_STYLE_HASH),
};

export default defineConfig({
  root: import.meta.dirname,
  // Relative URLs: the page is loaded from file:// in Electron and from the bridge's origin in a browser.
  base: './',
  plugins: [react(), reportStyleHash],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: true,
  },
});
