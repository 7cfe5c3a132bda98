import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The dev server (and `vite preview`) forward the API and the room socket to room-server,
// so the browser talks to a single origin exactly as in production.
const backend = `http://127.0.0.1:${process.env.PORT ?? 8080}`;
const proxy = {
  '/api': { target: backend, changeOrigin: true },
  '/ws': { target: backend, ws: true, changeOrigin: true },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact()],
  // y-websocket, y-codemirror.next and the app must share one yjs instance
  // (two copies break silently: "Yjs was already imported").
  resolve: { dedupe: ['yjs', '@codemirror/state', '@codemirror/view'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The room chunk (CodeMirror + two language grammars + Yjs) is ~230 kB gzipped and
    // loaded only on /r/:id; the home page chunk stays small.
    chunkSizeWarningLimit: 800,
  },
  server: { proxy },
  preview: { proxy },
});
