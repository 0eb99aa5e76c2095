// Browser bundles built ahead of time: a list of entry points is bundled by esbuild (a well-kept
// bundler with a JS API: TypeScript, ES modules with top-level await, CSS, minification) into an
// output directory, each file named after its content (`booth-7KQ2M4XA.js`, so it can be cached for
// good), with its gzip and Brotli forms beside it and a `manifest.json` that names them, gives their
// Subresource Integrity digests, says which files each one imports and lists every source file that
// went in. Entry points may be bundled with code splitting (`splitEntryPoints`): what several of
// them share goes into chunks (`chunk-<hash>.js`) they import, so that a part a page needs only
// later (the texts of another language, the QR code generator) is downloaded only then.
//
// `npm run build` writes them (the Docker image does it once); a server that starts without them,
// or with a manifest older than one of its sources (a developer's edit), builds them before it
// listens, never on a request. Generic over the entry points: the booth uses it (./assets.ts), and
// any other page bundled for browsers can give its own list and output directory.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
// esbuild is imported only when something is built: a server whose booth is prebuilt never loads it.
import type { BuildOptions, Plugin } from 'esbuild';

export interface BundleSpec {
  /** The directory the entry points (and the manifest's source paths) are relative to. */
  readonly root: string;
  /** Output name → source file, each bundled whole, e.g. `{ console: 'src/console/main.ts', style: 'src/booth.css' }`. */
  readonly entryPoints: Readonly<Record<string, string>>;
  /**
   * Output name → source file, bundled together with code splitting: each imports the chunks it
   * shares with the others, and one may load another by its URL (`import(url)`) when it needs it.
   */
  readonly splitEntryPoints?: Readonly<Record<string, string>>;
  /** Where the built files and manifest.json go (absolute, or relative to `root`). */
  readonly outdir: string;
  /** esbuild plugins of this bundle's own, run before the common ones. */
  readonly plugins?: readonly Plugin[];
  /** Identifiers replaced at build time (esbuild's `define`). */
  readonly define?: Readonly<Record<string, string>>;
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
  /** The files of the output directory this one imports statically (which the browser fetches with it). */
  readonly imports: readonly string[];
}

export interface Bundle {
  /** By entry point name. */
  readonly assets: Readonly<Record<string, Asset>>;
  /** By file name (what the URL names): the entry points' files and the chunks they share. */
  readonly files: ReadonlyMap<string, Asset>;
}

interface ManifestAsset {
  readonly file: string;
  readonly contentType: string;
  readonly integrity: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
  readonly imports: readonly string[];
}

/**
 * manifest.json: the assets by entry name, the chunks they share, and each source's size and time
 * when it was built.
 */
export interface BundleManifest {
  readonly format: 2;
  readonly assets: Readonly<Record<string, ManifestAsset>>;
  readonly chunks: readonly ManifestAsset[];
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

/**
 * Code that pages import but never run, left out of their bundles: each module below, where the
 * named importer imports it, is replaced by one with the same exports, each a function that throws
 * if called. zod's JSON Schema writer (`toJSONSchema` and what it uses, ≈ 18 kB, 5.5 KB gzip):
 * classic zod's schemas reach it from methods that no page calls. Parsing and validation are
 * untouched.
 */
const LEFT_OUT: readonly { readonly module: RegExp; readonly importer: RegExp }[] = [
  {
    module: /^(\.\.?\/)+(core\/)?(to-json-schema|json-schema-processors|json-schema-generator)\.js$/,
    importer: /[\\/]node_modules[\\/]zod[\\/]/,
  },
];

const LEAVE_OUT_UNUSED: Plugin = {
  name: 'leave-out-unused',
  setup(b) {
    for (const rule of LEFT_OUT) {
      b.onResolve({ filter: rule.module }, async (args) => {
        if (args.pluginData === LEFT_OUT || !rule.importer.test(args.importer)) return null;
        const real = await b.resolve(args.path, {
          importer: args.importer,
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: LEFT_OUT,
        });
        return real.errors.length > 0 ? { errors: real.errors } : { path: real.path, namespace: 'left-out' };
      });
    }
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, async (args) => ({
      contents: throwingExports(await readFile(args.path, 'utf8'), basename(args.path)),
      loader: 'js',
    }));
  },
};

/** A module with the exports of the ES module `source`, each a function that throws. */
function throwingExports(source: string, name: string): string {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class) ([\w$]+)/gm))
    names.add(m[1]!);
  for (const m of source.matchAll(/^export \{([^}]*)\};?$/gm)) {
    for (const part of m[1]!.split(',')) {
      const exported = part
        .trim()
        .split(/\s+as\s+/)
        .at(-1);
      if (exported) names.add(exported);
    }
  }
  const message = JSON.stringify(`${name} is left out of this page's bundle (client/serve/bundle.ts)`);
  const lines = [`const leftOut = () => { throw new Error(${message}); };`];
  for (const n of names) lines.push(n === 'default' ? 'export default leftOut;' : `export const ${n} = leftOut;`);
  return `${lines.join('\n')}\n`;
}

/**
 * Modules evaluated when the bundle is built: a source named `*.data.ts` default-exports plain data
 * (JSON) that it computes from other sources (the booth's texts of one language, taken from the
 * catalogue that holds the three side by side for review); the browser gets `export default <that
 * data>` and none of the code or sources it came from. Those sources are added to the build's
 * inputs, so that editing one builds the bundle again.
 */
const BUILD_TIME_DATA: Plugin = {
  name: 'build-time-data',
  setup(b) {
    const read = new Map<string, number>();
    b.onLoad({ filter: /\.data\.ts$/ }, async (args) => {
      const evaluated = await b.esbuild.build({
        absWorkingDir: b.initialOptions.absWorkingDir,
        entryPoints: [args.path],
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const code = evaluated.outputFiles[0]!.text;
      const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
        default: unknown;
      };
      for (const [path, input] of Object.entries(evaluated.metafile.inputs)) read.set(path, input.bytes);
      return { contents: `export default ${JSON.stringify(module.default)};\n`, loader: 'js' };
    });
    b.onEnd((result) => {
      for (const [path, bytes] of read) {
        if (result.metafile && !(path in result.metafile.inputs)) result.metafile.inputs[path] = { bytes, imports: [] };
      }
    });
  },
};

const outdirOf = (spec: BundleSpec) => resolve(spec.root, spec.outdir);

/** How every browser bundle is built (the booth's, the console's, the verifier page's). */
const BROWSER_BUILD = {
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
  const outdir = outdirOf(spec);
  const options = {
    absWorkingDir: spec.root,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    ...BROWSER_BUILD,
    outdir,
    metafile: true,
    plugins: [...(spec.plugins ?? []), ZOD_ENGLISH_ONLY, LEAVE_OUT_UNUSED, BUILD_TIME_DATA],
    ...(spec.define === undefined ? {} : { define: { ...spec.define } }),
  } as const satisfies BuildOptions;
  const split = spec.splitEntryPoints ?? {};
  const { build } = await import('esbuild');
  const results = await Promise.all([
    build({ ...options, entryPoints: { ...spec.entryPoints } }),
    ...(Object.keys(split).length > 0 ? [build({ ...options, entryPoints: { ...split }, splitting: true })] : []),
  ]);
  const entryNames = new Map<string, string>();
  for (const [name, source] of Object.entries({ ...spec.entryPoints, ...split })) {
    entryNames.set(resolve(spec.root, source), name);
  }
  await mkdir(outdir, { recursive: true });
  const assets: Record<string, ManifestAsset> = {};
  const chunks: ManifestAsset[] = [];
  const sources = new Set<string>();
  for (const result of results) {
    for (const path of Object.keys(result.metafile.inputs)) sources.add(path);
    const outputs = new Map(Object.entries(result.metafile.outputs).map(([path, o]) => [resolve(spec.root, path), o]));
    for (const file of result.outputFiles) {
      const output = outputs.get(file.path);
      if (output === undefined) throw new Error(`the bundle's output ${file.path} is not in its metafile`);
      const imports = output.imports
        .filter((i) => i.kind === 'import-statement' && !i.external)
        .map((i) => relative(outdir, resolve(spec.root, i.path)));
      const asset = await writeAsset(outdir, relative(outdir, file.path), file.contents, imports);
      if (output.entryPoint === undefined) {
        chunks.push(asset);
        continue;
      }
      const name = entryNames.get(resolve(spec.root, output.entryPoint));
      if (name === undefined) throw new Error(`the bundle's output ${asset.file} has no entry point`);
      assets[name] = asset;
    }
  }
  const inputs: Record<string, { size: number; mtimeMs: number }> = {};
  for (const path of [...sources].sort()) {
    if (path.includes(':')) continue; // a plugin's virtual module
    const s = await stat(resolve(spec.root, path));
    inputs[path] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  const manifest: BundleManifest = { format: 2, assets, chunks, inputs };
  await writeAtomically(join(outdir, MANIFEST), new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`));
  // Files of earlier builds go; what this build wrote stays, and so do directories (another
  // bundle's output directory may be inside this one's: client/dist/verify in client/dist).
  const written = [...Object.values(assets), ...chunks].map((a) => a.file);
  const keep = new Set([MANIFEST, ...written.flatMap((f) => [f, `${f}.gz`, `${f}.br`])]);
  for (const entry of await readdir(outdir, { withFileTypes: true })) {
    if (entry.isFile() && !keep.has(entry.name) && !entry.name.endsWith('.tmp')) {
      await rm(join(outdir, entry.name), { force: true });
    }
  }
  return manifest;
}

/** Writes one built file with its gzip and Brotli forms (at their best: they are made once). */
async function writeAsset(
  outdir: string,
  name: string,
  body: Uint8Array,
  imports: readonly string[],
): Promise<ManifestAsset> {
  const extension = /\.[a-z]+$/.exec(name)?.[0] ?? '';
  const contentType = CONTENT_TYPES[extension];
  if (contentType === undefined) throw new Error(`the bundle has an unexpected output ${name}`);
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
  return {
    file: name,
    contentType,
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
    bytes: body.length,
    gzipBytes: gz.length,
    brotliBytes: br.length,
    imports,
  };
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
    if (m.format !== 2 || typeof m.assets !== 'object' || !Array.isArray(m.chunks) || typeof m.inputs !== 'object') {
      return null;
    }
    const names = Object.keys({ ...spec.entryPoints, ...spec.splitEntryPoints });
    return names.every((n) => m.assets[n] !== undefined) ? m : null;
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
  const read = async (file: string) => new Uint8Array(await readFile(join(outdir, file)));
  const load = async (a: ManifestAsset): Promise<Asset> => {
    const [body, gz, br] = await Promise.all([read(a.file), read(`${a.file}.gz`), read(`${a.file}.br`)]);
    return {
      file: a.file,
      body,
      gzip: gz,
      brotli: br,
      contentType: a.contentType,
      integrity: a.integrity,
      imports: a.imports,
    };
  };
  const entries = await Promise.all(
    Object.entries(manifest.assets).map(async ([name, a]) => [name, await load(a)] as const),
  );
  const chunks = await Promise.all(manifest.chunks.map(load));
  const assets = Object.fromEntries(entries);
  return { assets, files: new Map([...entries.map(([, a]) => a), ...chunks].map((a) => [a.file, a])) };
}

/**
 * `file` and every file it imports, directly or through another: what the browser fetches before
 * it runs `file` (each once, `file` first).
 */
export function staticImports(files: ReadonlyMap<string, Pick<Asset, 'imports'>>, file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    const asset = files.get(f);
    if (asset === undefined) throw new Error(`the bundle has no file ${f}`);
    seen.add(f);
    for (const i of asset.imports) visit(i);
  };
  visit(file);
  return [...seen];
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

/** What a page's bundle gives its routes: its files by name, and how this process came by them. */
export interface LoadedBundle {
  /** Every file by its content-hashed name, as the page's routes serve it. */
  readonly files: ReadonlyMap<string, Asset>;
  /** Whether this process had to build them (no prebuilt output directory, or an outdated one). */
  readonly built: boolean;
  /** Older than a source, and the output directory could not be written: served as they are. */
  readonly stale: boolean;
}

/**
 * The bundle of `spec`, read (or built: ensureBundle) once per process and given by `shape` the
 * form its routes use; a failure is tried again on the next call.
 */
export function bundleOnce<T>(spec: BundleSpec, shape: (bundle: Bundle) => T): () => Promise<T & LoadedBundle> {
  let loaded: Promise<T & LoadedBundle> | null = null;
  return () => {
    if (loaded === null) {
      loaded = ensureBundle(spec).then(({ bundle, built, stale }) => ({
        ...shape(bundle),
        files: bundle.files,
        built,
        stale,
      }));
      loaded.catch(() => {
        loaded = null;
      });
    }
    return loaded;
  };
}
