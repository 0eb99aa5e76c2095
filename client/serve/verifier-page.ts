// The verifier page (client/src/verify/): bundled by esbuild into one directory of four files —
// index.html, verify.js, verify-worker.js (the Web Worker), verify.css — that the server serves at
// /verify/ and that anyone can host as they are (`node client/serve/verifier-page.ts --out DIR`; any
// static web server, e.g. `python3 -m http.server` in DIR: browsers run no module script from file://).
// The page runs the verifier's own code; the modules of it that read a disk (export-reader.ts:
// node:fs, node:readline …) are bundled as stubs that throw, since in a browser the board comes from
// the file picker (./src/verify/files-board.ts) or the server's API instead.
import { fileURLToPath } from 'node:url';
// esbuild is imported when the page is first built, not when the server starts.
import type { Plugin } from 'esbuild';
import { Hono } from 'hono';
import { BROWSER_BUILD } from './bundle.ts';

const CLIENT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * node:* modules in the browser: a stub with every name the real module exports (read from Node at
 * build time), each a function that throws if it is ever called.
 */
const nodeStubs: Plugin = {
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

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem}
fieldset{margin:1rem 0}label{display:block;margin:.5rem 0}input[type=text],input[type=url]{width:100%;max-width:30rem}
.languages{text-align:right}.languages button[aria-current]{font-weight:bold}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
tr.failed{background:#fdd}tr.not-run{background:#ffd}.verdict{font-weight:bold;font-size:1.2rem}.error{color:#a00}
`;

const INDEX = `<!doctype html>
<html lang="ro">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verificați alegerile — CEC</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="./verify.css">
<script type="module" src="./verify.js"></script>
</head>
<body>
<main id="main"><noscript>Această pagină are nevoie de JavaScript. · This page needs JavaScript. · Этой странице нужен JavaScript.</noscript></main>
</body>
</html>
`;

export type VerifierPage = ReadonlyMap<string, { readonly body: Uint8Array; readonly contentType: string }>;

/** Builds the page: its files by name. */
export async function buildVerifierPage(): Promise<VerifierPage> {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: CLIENT_ROOT,
    entryPoints: { verify: 'src/verify/page.ts', 'verify-worker': 'src/verify/worker.ts' },
    ...BROWSER_BUILD,
    outdir: 'out',
    plugins: [nodeStubs],
    // The verifier reads EVOTARE_LANG only on the command line.
    define: { 'process.env': '{}' },
  });
  const files = new Map<string, { body: Uint8Array; contentType: string }>();
  for (const f of result.outputFiles) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    files.set(name, { body: new Uint8Array(f.contents), contentType: 'text/javascript; charset=utf-8' });
  }
  const enc = new TextEncoder();
  files.set('index.html', { body: enc.encode(INDEX), contentType: 'text/html; charset=utf-8' });
  files.set('verify.css', { body: enc.encode(STYLE), contentType: 'text/css; charset=utf-8' });
  return files;
}

let built: Promise<VerifierPage> | null = null;

/** /verify/ and its files, built the first time they are asked for. */
export function verifierPageRoutes(): Hono {
  const app = new Hono();
  app.get('/verify', (c) => c.redirect('/verify/', 301));
  app.get('/verify/:file{[a-z-]*\\.?[a-z]*}', async (c) => {
    if (built === null) {
      built = buildVerifierPage();
      built.catch(() => {
        built = null;
      });
    }
    const page = await built;
    const file = page.get(c.req.param('file') || 'index.html');
    if (file === undefined) return c.notFound();
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'cache-control': 'no-cache',
    });
  });
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[process.argv.indexOf('--out') + 1];
  if (!process.argv.includes('--out') || out === undefined) {
    console.error('usage: node client/serve/verifier-page.ts --out DIR');
    process.exit(3);
  }
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  mkdirSync(out, { recursive: true });
  for (const [name, file] of await buildVerifierPage()) writeFileSync(join(out, name), file.body);
  console.log(`the verifier page is in ${out}: serve that directory with any static web server`);
}
