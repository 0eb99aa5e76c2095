// The booth's script and stylesheet, built from client/src by esbuild (a well-kept bundler with a
// JS API: TypeScript, ES modules with top-level await, CSS, minification) the first time a page
// asks for them, and kept in memory for the life of the process — so `npm start`, the tests and CI
// need no build step, and nothing built is ever committed. Each asset carries a SHA-384 digest for
// Subresource Integrity and a version (part of its SHA-256) for caching, and is compressed once
// (gzip and Brotli) for phones on slow connections.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { build } from 'esbuild';

export interface Asset {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer>;
  readonly brotli: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  /** `sha384-…` for the integrity attribute. */
  readonly integrity: string;
  /** Changes whenever the content does (in the asset's URL, so it can be cached for good). */
  readonly version: string;
}

export interface BoothAssets {
  readonly js: Asset;
  readonly css: Asset;
  /** The officials' console (client/src/console/): its script and stylesheet. */
  readonly consoleJs: Asset;
  readonly consoleCss: Asset;
}

const CLIENT_ROOT = fileURLToPath(new URL('..', import.meta.url));

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

async function asset(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<Asset> {
  const [gz, br] = await Promise.all([
    gzipped(body, { level: 9 }),
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 10,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  ]);
  return {
    body,
    gzip: new Uint8Array(gz),
    brotli: new Uint8Array(br),
    contentType,
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
    version: createHash('sha256').update(body).digest('base64url').slice(0, 16),
  };
}

/** Bundles client/src/main.ts and client/src/booth.css, and the officials' console, for browsers. */
export async function buildBoothAssets(): Promise<BoothAssets> {
  const result = await build({
    absWorkingDir: CLIENT_ROOT,
    entryPoints: {
      booth: 'src/main.ts',
      style: 'src/booth.css',
      console: 'src/console/main.ts',
      'console-style': 'src/console/console.css',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // ES2022: BigInt and top-level await (the WebAssembly engine starts with one), in every
    // browser of the last few years on phones too.
    target: ['es2022'],
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const output = (name: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(`/${name}`));
    if (!file) throw new Error(`the booth's bundle has no ${name} output`);
    return new Uint8Array(file.contents);
  };
  const [js, css, consoleJs, consoleCss] = await Promise.all([
    asset(output('booth.js'), 'text/javascript; charset=utf-8'),
    asset(output('style.css'), 'text/css; charset=utf-8'),
    asset(output('console.js'), 'text/javascript; charset=utf-8'),
    asset(output('console-style.css'), 'text/css; charset=utf-8'),
  ]);
  return { js, css, consoleJs, consoleCss };
}

let built: Promise<BoothAssets> | null = null;

/** The assets, built once per process (a failed build is tried again on the next request). */
export function boothAssets(): Promise<BoothAssets> {
  if (built === null) {
    built = buildBoothAssets();
    built.catch(() => {
      built = null;
    });
  }
  return built;
}
