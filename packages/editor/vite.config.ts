import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const monacoRoot = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

/** Builds the editor into `dist/`, which the server serves at `/`. `/api` is proxied in dev. */
export default defineConfig({
  plugins: [react()],
  resolve: {
    // The workspace packages' `development` entries are their TypeScript sources; the bundle is built
    // from those in production mode too, so the editor does not need the runtime's dist/ first.
    conditions: ['development', ...defaultClientConditions],
    // monaco-editor's exports map has no entry for its CSS; the icon font of the suggest widget needs it.
    alias: { 'monaco-codicon-css': `${monacoRoot}base/browser/ui/codicons/codicon/codicon.css` },
  },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, reportCompressedSize: false },
  server: {
    proxy: { '/api': process.env.JUNCTION_API ?? 'http://localhost:3000' },
  },
});
