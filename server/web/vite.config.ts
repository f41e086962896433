// Builds the recipient page the note server serves at /n/:id (and its home page at /).
import path from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  base: '/',
  build: {
    outDir: path.resolve(import.meta.dirname, '../../.output/web'),
    emptyOutDir: true,
    // The page runs under a CSP without 'unsafe-inline': no inline preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
