import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { dsfrStylesheet } from './build/dsfr-css.ts';
import { precompress } from './build/precompress.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    // The design system's stylesheet, trimmed to the classes the pages use (builds only).
    dsfrStylesheet({ sources: [at('./src'), at('../../libs/ui/src'), at('./index.html')], nodeModules: at('../../node_modules') }),
    // .br and .gz beside each text file of the build, sent as they are by the API (builds only).
    precompress(),
  ],
  resolve: {
    // Resolves @suivi-pvd/* through the `paths` of tsconfig.base.json (Vite 8).
    tsconfigPaths: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: at('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    cssMinify: false,
    // The design system's icons stay files (hashed, cached for good, fetched when shown) rather
    // than copies inlined in the stylesheet at each rule that uses them.
    assetsInlineLimit: (file) => (/[\\/]react-dsfr[\\/]dsfr[\\/]/.test(file) ? false : undefined),
  },
});
