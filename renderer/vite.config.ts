// Builds the wizard into dist/renderer. The page runs under a strict CSP (no inline script or style), so
// nothing may be inlined: no data-URL assets and no injected modulepreload polyfill.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  // Relative URLs: the page is loaded from file:// in Electron and from the bridge's origin in a browser.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: true,
  },
});
