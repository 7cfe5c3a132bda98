import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { appChunkGroups } from './build/appChunks.ts';
import { keepSourceMapsApart } from './build/keepSourceMapsApart.ts';
import { markPureCalls } from './build/markPureCalls.ts';

// The dev server (and `vite preview`) forward the API and the room socket to room-server,
// so the browser talks to a single origin exactly as in production.
const backend = `http://127.0.0.1:${process.env.PORT ?? 8080}`;
const proxy = {
  '/api': { target: backend, changeOrigin: true },
  '/ws': { target: backend, ws: true, changeOrigin: true },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    preact(),
    // Every text asset also as .br and .gz, which room-server sends by Accept-Encoding
    // (brotli at its best quality: compressed once per build, sent on every visit).
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/, /manifest\.json$/], logLevel: 'silent' }),
    // Source maps are for error reports, not for the public: out of the served folder.
    keepSourceMapsApart('dist-sourcemaps'),
    markPureCalls(/\/node_modules\/lib0\/dom\.js$/, '$.$custom'),
  ],
  // y-websocket, y-codemirror.next and the app must share one yjs instance
  // (two copies break silently: "Yjs was already imported").
  resolve: { dedupe: ['yjs', '@codemirror/state', '@codemirror/view'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Without a sourceMappingURL comment in the served files.
    sourcemap: 'hidden',
    // The room's chunks are listed for room-server, which preloads them on /r/:id.
    manifest: true,
    // The room chunks (CodeMirror + Yjs) are loaded only on /r/:id, and each language's
    // grammar only when a room or a submission shows that language.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: appChunkGroups({
            roomView: fileURLToPath(new URL('./src/room/RoomView.tsx', import.meta.url)),
            homePage: fileURLToPath(new URL('./src/pages/HomePage.tsx', import.meta.url)),
          }),
        },
        // Chunks of a package are named after it ("lang-rust-…js", not "dist-…js").
        chunkFileNames: (chunk) => {
          const pkg = /node_modules\/(?:@[^/]+\/)?([^/]+)\//.exec(chunk.facadeModuleId ?? '')?.[1];
          return `assets/${pkg ?? '[name]'}-[hash].js`;
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
