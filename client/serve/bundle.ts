// Browser bundles built ahead of time: a list of entry points is bundled by esbuild (a well-kept
// bundler with a JS API: TypeScript, ES modules with top-level await, CSS, minification) into an
// output directory, each file named after its content (`booth-7KQ2M4XA.js`, so it can be cached for
// good), with its gzip and Brotli forms beside it and a `manifest.json` that names them, gives their
// Subresource Integrity digests and lists every source file that went in.
//
// `npm run build` writes them (the Docker image does it once); a server that starts without them,
// or with a manifest older than one of its sources (a developer's edit), builds them before it
// listens, never on a request. Generic over the entry points: the booth uses it (./assets.ts), and
// any other page bundled for browsers can give its own list and output directory.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type BuildOptions, build, type Plugin } from 'esbuild';

export interface BundleSpec {
  /** The directory the entry points (and the manifest's source paths) are relative to. */
  readonly root: string;
  /** Output name → source file, e.g. `{ booth: 'src/main.ts', style: 'src/booth.css' }`. */
  readonly entryPoints: Readonly<Record<string, string>>;
  /** Where the built files and manifest.json go (absolute, or relative to `root`). */
  readonly outdir: string;
}

/** One built file as served: its bytes, compressed forms, type and integrity digest. */
export interface Asset {
  /** The file's content-hashed name within the output directory. */
  readonly file: string;
  readonly body: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer>;
  readonly brotli: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  /** `sha384-…` for the integrity attribute. */
  readonly integrity: string;
}

export interface Bundle {
  /** By entry point name. */
  readonly assets: Readonly<Record<string, Asset>>;
  /** By file name (what the URL names). */
  readonly files: ReadonlyMap<string, Asset>;
}

interface ManifestAsset {
  readonly file: string;
  readonly contentType: string;
  readonly integrity: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

/** manifest.json: the assets by entry name, and each source's size and time when it was built. */
export interface BundleManifest {
  readonly format: 1;
  readonly assets: Readonly<Record<string, ManifestAsset>>;
  readonly inputs: Readonly<Record<string, { readonly size: number; readonly mtimeMs: number }>>;
}

const MANIFEST = 'manifest.json';
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * zod v4's namespace object re-exports every locale (`z.locales`), 260 kB of error messages in 40
 * languages that no page shows (the booth shows its own texts); only English, zod's default, is
 * kept. Nothing else of zod changes.
 */
const ZOD_ENGLISH_ONLY: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english' } : null,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: dirname(import.meta.dirname),
      loader: 'js',
    }));
  },
};

const outdirOf = (spec: BundleSpec) => resolve(spec.root, spec.outdir);

/** How every browser bundle is built (the booth's, the console's, the verifier page's), kept in memory. */
export const BROWSER_BUILD = {
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
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** Bundles the entry points and writes them, compressed forms and manifest.json into the output directory. */
export async function buildBundle(spec: BundleSpec): Promise<BundleManifest> {
  const result = await build({
    absWorkingDir: spec.root,
    entryPoints: { ...spec.entryPoints },
    entryNames: '[name]-[hash]',
    ...BROWSER_BUILD,
    outdir: outdirOf(spec),
    metafile: true,
    plugins: [ZOD_ENGLISH_ONLY],
  });
  const outdir = outdirOf(spec);
  await mkdir(outdir, { recursive: true });
  const assets: Record<string, ManifestAsset> = {};
  for (const file of result.outputFiles) {
    const name = file.path.slice(outdir.length + 1);
    const extension = /\.[a-z]+$/.exec(name)?.[0] ?? '';
    const contentType = CONTENT_TYPES[extension];
    if (contentType === undefined) throw new Error(`the bundle has an unexpected output ${name}`);
    // `[name]-[hash]`: the entry point's name, then esbuild's content hash (no `-` in it).
    const entryName = name.slice(0, name.lastIndexOf('-'));
    if (spec.entryPoints[entryName] === undefined) throw new Error(`the bundle's output ${name} has no entry point`);
    const body = file.contents;
    const [gz, br] = await Promise.all([
      gzipped(body, { level: 9 }),
      brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
    ]);
    // Content-addressed names: another process building the same sources writes the same bytes;
    // a rename makes each file appear whole.
    await Promise.all([
      writeAtomically(join(outdir, name), body),
      writeAtomically(join(outdir, `${name}.gz`), gz),
      writeAtomically(join(outdir, `${name}.br`), br),
    ]);
    assets[entryName] = {
      file: name,
      contentType,
      integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
      bytes: body.length,
      gzipBytes: gz.length,
      brotliBytes: br.length,
    };
  }
  const inputs: Record<string, { size: number; mtimeMs: number }> = {};
  for (const path of Object.keys(result.metafile.inputs).sort()) {
    if (path.includes(':')) continue; // a plugin's virtual module
    const s = await stat(resolve(spec.root, path));
    inputs[path] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  const manifest: BundleManifest = { format: 1, assets, inputs };
  await writeAtomically(join(outdir, MANIFEST), new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`));
  // Files of earlier builds go; what this build wrote stays.
  const keep = new Set([MANIFEST, ...Object.values(assets).flatMap((a) => [a.file, `${a.file}.gz`, `${a.file}.br`])]);
  for (const name of await readdir(outdir)) {
    if (!keep.has(name) && !name.endsWith('.tmp')) await rm(join(outdir, name), { force: true });
  }
  return manifest;
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

/** The manifest of the output directory, or null if there is none (or it cannot be read). */
export async function readBundleManifest(spec: BundleSpec): Promise<BundleManifest | null> {
  try {
    const m = JSON.parse(await readFile(join(outdirOf(spec), MANIFEST), 'utf8')) as BundleManifest;
    if (m.format !== 1 || typeof m.assets !== 'object' || typeof m.inputs !== 'object') return null;
    return Object.keys(spec.entryPoints).every((n) => m.assets[n] !== undefined) ? m : null;
  } catch {
    return null;
  }
}

/** Whether every source the manifest lists is still the one it was built from (size and time). */
export async function isBundleCurrent(spec: BundleSpec, manifest: BundleManifest): Promise<boolean> {
  const checks = await Promise.all(
    Object.entries(manifest.inputs).map(async ([path, was]) => {
      try {
        const s = await stat(resolve(spec.root, path));
        return s.size === was.size && s.mtimeMs === was.mtimeMs;
      } catch {
        return false;
      }
    }),
  );
  return checks.every(Boolean);
}

async function loadFiles(spec: BundleSpec, manifest: BundleManifest): Promise<Bundle> {
  const outdir = outdirOf(spec);
  const assets: Record<string, Asset> = {};
  const files = new Map<string, Asset>();
  for (const [name, a] of Object.entries(manifest.assets)) {
    const read = async (file: string) => new Uint8Array(await readFile(join(outdir, file)));
    const [body, gz, br] = await Promise.all([read(a.file), read(`${a.file}.gz`), read(`${a.file}.br`)]);
    const asset: Asset = {
      file: a.file,
      body,
      gzip: gz,
      brotli: br,
      contentType: a.contentType,
      integrity: a.integrity,
    };
    assets[name] = asset;
    files.set(a.file, asset);
  }
  return { assets, files };
}

/**
 * The built bundle: read from the output directory when its manifest is there and current, built
 * first otherwise (a fresh clone, or a source edited since). `built` says which; `stale` that the
 * sources changed but the directory could not be written (a read-only image whose files' times a
 * copy changed), so the bundle that is there is served.
 */
export async function ensureBundle(spec: BundleSpec): Promise<{ bundle: Bundle; built: boolean; stale: boolean }> {
  const existing = await readBundleManifest(spec);
  if (existing !== null && (await isBundleCurrent(spec, existing))) {
    try {
      return { bundle: await loadFiles(spec, existing), built: false, stale: false };
    } catch {
      // a file is missing: build again
    }
  }
  let manifest: BundleManifest;
  try {
    manifest = await buildBundle(spec);
  } catch (e) {
    if (existing === null) throw e;
    return { bundle: await loadFiles(spec, existing), built: false, stale: true };
  }
  return { bundle: await loadFiles(spec, manifest), built: true, stale: false };
}
