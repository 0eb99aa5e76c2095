// Builds the server into server/dist/evotare.mjs (`npm run build`; the Docker image and `npm start`
// run it): the CLI of server/src/cli/main.ts with everything it imports, bundled by esbuild into an
// ES module and one chunk per group of modules a command imports when it runs, so a start parses a
// few files instead of resolving and stripping the types of hundreds (docs/PERFORMANCE.md, "The
// cold start"). `node server/src/cli/main.ts` runs the same program
// from the sources (development, tests).
//
// Code that finds a file next to its own source (`new URL('./verify-worker.ts', import.meta.url)`:
// worker threads, tasks found by module URL, the booth's sources, package.json) still finds it:
// in each bundled source file of this repository, `import.meta.url` (and `.dirname`, `.filename`)
// is that source file's address, computed from the bundle's own, so the worker threads run the
// sources and the built file can move with the checkout. Packages that read files next to their
// own code at run time (PGlite's WebAssembly, pdfkit's fonts) or hold a native binary (esbuild) stay
// outside the bundle and are imported from node_modules.
//   node server/src/build.ts   (npm run build)
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_BUNDLE = join(ROOT, 'server/dist/evotare.mjs');
const SERVER_ENTRY = (outdir: string) => join(outdir, 'evotare.mjs');

/** Packages imported from node_modules at run time, not bundled. */
const EXTERNAL = ['@electric-sql/pglite', 'esbuild', 'pdfkit', 'dejavu-fonts-ttf', 'pg-native'];

/** In the repository's own TypeScript, `import.meta.url` and its kin name the source file, not the bundle. */
const sourceAddresses = (outdir: string): Plugin => ({
  name: 'source-addresses',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (args.path.includes('/node_modules/') || !source.includes('import.meta.')) return undefined;
      const url = `new URL(${JSON.stringify(relative(outdir, args.path).split('\\').join('/'))}, import.meta.url)`;
      return {
        loader: 'ts',
        contents: source
          .replaceAll('import.meta.url', `${url}.href`)
          .replaceAll('import.meta.dirname', `__evotareDirname(${url})`)
          .replaceAll('import.meta.filename', `__evotareFilename(${url})`),
      };
    });
  },
});

/** Builds the server into `outdir` (inside the repository, for node_modules), as `evotare.mjs` and its chunks. */
export async function buildServer(outdir = dirname(SERVER_BUNDLE)): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { 'evotare-cli': join(ROOT, 'server/src/cli/main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Each command's modules in chunks of their own, loaded when the command runs (as from source).
    splitting: true,
    chunkNames: '[name]-[hash]', // next to evotare.mjs: each file's import.meta.url is one directory
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22.18',
    external: EXTERNAL,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    plugins: [sourceAddresses(outdir)],
    // the CommonJS libraries bundled in (commander, pg, …) require Node's modules
    banner: {
      js: [
        "import { createRequire as __evotareRequire } from 'node:module';",
        "import { fileURLToPath as __evotarePath } from 'node:url';",
        "import { dirname as __evotareDir } from 'node:path';",
        'const require = __evotareRequire(import.meta.url);',
        'const __evotareFilename = (url) => __evotarePath(url);',
        'const __evotareDirname = (url) => __evotareDir(__evotarePath(url));',
      ].join('\n'),
    },
  });
  // evotare.mjs turns on Node's compile cache before it loads the program: a start after the first
  // reads V8's compiled code for the bundle instead of compiling it again (NODE_COMPILE_CACHE names
  // the directory, else the system's temporary directory; where it cannot be written, Node goes on
  // without it).
  await writeFile(
    SERVER_ENTRY(outdir),
    [
      '#!/usr/bin/env node',
      "// e-Votare: the server and the officials' CLI, as `npm run build` bundles them (server/src/build.ts).",
      "import { enableCompileCache } from 'node:module';",
      'enableCompileCache?.();',
      "await import('./evotare-cli.mjs');",
      '',
    ].join('\n'),
  );
  // The chunks of earlier builds go (their names are content hashes); what this build wrote stays.
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(ROOT, file)));
  written.add(SERVER_ENTRY(outdir));
  for (const name of await readdir(outdir)) {
    if (name.endsWith('.mjs') && !written.has(join(outdir, name))) await rm(join(outdir, name));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  console.log(`server: ${relative(process.cwd(), SERVER_BUNDLE)} in ${Math.round(performance.now() - started)} ms`);
}
