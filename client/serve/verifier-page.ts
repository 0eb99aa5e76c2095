// The verifier page (client/src/verify/): its script, its Web Worker and its stylesheet, bundled by
// ./bundle.ts like the booth's — `npm run build` writes them into client/dist/verify with
// content-hashed names, their gzip and Brotli forms and a manifest; a server that starts without
// them builds them before it listens, never on a request — and an index.html that names them.
//   GET /verify/                      the page (Romanian first; ?lang=en|ru)
//   GET /verify/verify-<hash>.js, verify-worker-<hash>.js, verify-style-<hash>.css   cached for good
// The same files are a static site anyone can host as they are (`npm run build:verifier-page --
// --out DIR`; any static web server, e.g. `python3 -m http.server` in DIR: browsers run no module
// script from file://): every URL in index.html is relative, and nothing the page runs needs the
// server. The page runs the verifier's own code; the modules of it that read a disk
// (export-reader.ts: node:fs, node:readline …) are bundled as stubs that throw, since in a browser
// the board comes from the file picker (../src/verify/files-board.ts, ../src/verify/archive.ts) or
// the server's API instead.
import { fileURLToPath } from 'node:url';
// esbuild is imported only when something is built: a server whose page is prebuilt never loads it.
import type { Plugin } from 'esbuild';
import { Hono } from 'hono';
import { type Asset, type BundleSpec, bundleOnce, type LoadedBundle } from './bundle.ts';
import { sendAsset } from './routes.ts';

/**
 * node:* modules in the browser: a stub with every name the real module exports (read from Node at
 * build time), each a function that throws if it is ever called.
 */
const NODE_STUBS: Plugin = {
  name: 'node-stubs',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      return {
        contents: `const unavailable = () => { throw new Error(${JSON.stringify(`${args.path} is not available in a browser`)}); };
export default new Proxy({}, { get: () => unavailable });
${names.length > 0 ? `export const ${names.map((n) => `${n} = unavailable`).join(', ')};` : ''}`,
        loader: 'js',
      };
    });
  },
};

export const VERIFIER_PAGE_BUNDLE: BundleSpec = {
  root: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: {
    verify: 'src/verify/page.ts',
    'verify-worker': 'src/verify/worker.ts',
    'verify-style': 'src/verify/verify.css',
  },
  outdir: 'dist/verify',
  plugins: [NODE_STUBS],
  // The verifier reads EVOTARE_LANG only on the command line.
  define: { 'process.env': '{}' },
};

export interface VerifierPageAssets extends LoadedBundle {
  readonly js: Asset;
  readonly worker: Asset;
  readonly css: Asset;
}

/** The page's files (served as /verify/<name>), read (or built) once per process. */
export const verifierPageAssets: () => Promise<VerifierPageAssets> = bundleOnce(VERIFIER_PAGE_BUNDLE, (bundle) => ({
  js: bundle.assets.verify!,
  worker: bundle.assets['verify-worker']!,
  css: bundle.assets['verify-style']!,
}));

/** index.html: the script and stylesheet by relative URL with their digests, the worker's name for the script. */
export function verifierPageHtml(a: Pick<VerifierPageAssets, 'js' | 'worker' | 'css'>): string {
  // Our own content-hashed names and base64 digests: nothing to escape.
  return `<!doctype html>
<html lang="ro">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verificați alegerile — CEC</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="./${a.css.file}" integrity="${a.css.integrity}">
<script type="module" src="./${a.js.file}" integrity="${a.js.integrity}"></script>
</head>
<body data-worker="./${a.worker.file}">
<main id="main"><noscript>Această pagină are nevoie de JavaScript. · This page needs JavaScript. · Этой странице нужен JavaScript.</noscript></main>
</body>
</html>
`;
}

/**
 * The page as a static site: index.html and the files it names, by name (what `--out DIR` writes,
 * and what the browser tests and the benchmark serve).
 */
export async function verifierPageFiles(): Promise<Map<string, { body: Uint8Array; contentType: string }>> {
  const assets = await verifierPageAssets();
  const files = new Map<string, { body: Uint8Array; contentType: string }>();
  for (const [name, a] of assets.files) files.set(name, { body: a.body, contentType: a.contentType });
  files.set('index.html', {
    body: new TextEncoder().encode(verifierPageHtml(assets)),
    contentType: 'text/html; charset=utf-8',
  });
  return files;
}

/** /verify/ and its files, read from client/dist/verify (./bundle.ts) when the server starts. */
export function verifierPageRoutes(): Hono {
  const app = new Hono();
  app.get('/verify', (c) => c.redirect('/verify/', 301));
  app.get('/verify/', async (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(verifierPageHtml(await verifierPageAssets()));
  });
  app.get('/verify/:file', async (c) => {
    const asset = (await verifierPageAssets()).files.get(c.req.param('file'));
    return asset ? sendAsset(c, asset) : c.notFound();
  });
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[process.argv.indexOf('--out') + 1];
  if (!process.argv.includes('--out') || out === undefined) {
    console.error('usage: node client/serve/verifier-page.ts --out DIR');
    process.exit(2);
  }
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  mkdirSync(out, { recursive: true });
  for (const [name, file] of await verifierPageFiles()) writeFileSync(join(out, name), file.body);
  console.log(`the verifier page is in ${out}: serve that directory with any static web server`);
}
