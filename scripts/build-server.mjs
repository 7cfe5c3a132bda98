// Compiles room-server, the judge service and the judge worker to JavaScript for production
// (`npm start`, `npm run create-admin`, `npm start -w judge`, `npm run worker -w judge`, the
// Docker image), once per change of their sources: the hash of those sources is kept in
// .cache/server.stamp, as setup.sh does for the web app. `npm run dev` and the tests keep
// running the TypeScript sources through tsx.
//
// Why a bundle (esbuild) rather than `tsc -b` into per-workspace outDirs: the workspaces
// export their src/*.ts (vitest, Vite and tsx resolve them as they are), and the sources
// import each other with .ts extensions. A bundle of each entry point, with the workspace
// packages inlined and every npm dependency left to node_modules, needs no change to any
// package's exports and no second resolution mode, and node loads one file per entry.
// Plain JavaScript, because it must run before anything is compiled and without tsx.
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Everything the output depends on; tests are left out, they are never compiled. */
const sourceRoots = ['shared/src', 'judge/src', 'room-server/src'];
const sourceFiles = [
  'package-lock.json',
  'shared/package.json',
  'judge/package.json',
  'room-server/package.json',
  'scripts/build-server.mjs',
];

/**
 * One bundle per entry. The archive thread is its own file next to main.mjs, where
 * ArchiveThreads looks for it (`new URL('./archiveWorker.mjs', import.meta.url)`), so the
 * same line finds the tsx shim in the sources and the compiled thread in dist/.
 */
const bundles = [
  {
    outdir: 'room-server/dist',
    entryPoints: {
      main: 'room-server/src/main.ts',
      createAdmin: 'room-server/src/createAdmin.ts',
      archiveWorker: 'room-server/src/problems/archiveWorker.ts',
    },
  },
  { outdir: 'judge/dist', entryPoints: { main: 'judge/src/main.ts', worker: 'judge/src/worker.ts' } },
];

async function listFiles(dir) {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

async function sourceHash() {
  const files = [...sourceFiles, ...(await Promise.all(sourceRoots.map(listFiles))).flat()].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The workspace packages are compiled in, with their own `#` imports (package.json
 * `imports`); every other bare import stays a runtime import.
 */
const dependenciesExternal = {
  name: 'dependencies-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./#]/ }, (args) =>
      args.path.startsWith('@codestream/') ? undefined : { path: args.path, external: true },
    );
  },
};

async function compile() {
  for (const bundle of bundles) {
    const outdir = path.join(root, bundle.outdir);
    await rm(outdir, { recursive: true, force: true });
    await build({
      absWorkingDir: root,
      entryPoints: bundle.entryPoints,
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Logs and errors name classes (err.name, constructor names); bundling must not rename them.
      keepNames: true,
      // Stack traces point into the TypeScript sources (node --enable-source-maps).
      sourcemap: 'linked',
      plugins: [dependenciesExternal],
      logLevel: 'warning',
    });
  }
}

async function outputsExist() {
  const outputs = bundles.flatMap((bundle) =>
    Object.keys(bundle.entryPoints).map((name) => path.join(root, bundle.outdir, `${name}.mjs`)),
  );
  const found = await Promise.all(
    outputs.map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}

const stampFile = path.join(root, '.cache/server.stamp');
const hash = await sourceHash();
const stamp = await readFile(stampFile, 'utf8').catch(() => '');
if (stamp.trim() !== hash || !(await outputsExist()) || process.argv.includes('--force')) {
  console.log('==> Building the server (room-server, judge)');
  await compile();
  await mkdir(path.dirname(stampFile), { recursive: true });
  await writeFile(stampFile, `${hash}\n`);
}
