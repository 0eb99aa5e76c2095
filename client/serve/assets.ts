// The booth's script and stylesheet (./bundle.ts): client/src/main.ts and client/src/booth.css, and
// the officials' console's (client/src/console/), built together into client/dist by `npm run build`,
// or by the server before it listens when client/dist is missing or older than a source. Loaded
// once per process and kept in memory.
import { fileURLToPath } from 'node:url';
import { type Asset, type BundleSpec, ensureBundle } from './bundle.ts';

export const BOOTH_BUNDLE: BundleSpec = {
  root: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: {
    booth: 'src/main.ts',
    style: 'src/booth.css',
    console: 'src/console/main.ts',
    'console-style': 'src/console/console.css',
  },
  outdir: 'dist',
};

export interface BoothAssets {
  readonly js: Asset;
  readonly css: Asset;
  /** The officials' console (client/src/console/): its script and stylesheet. */
  readonly consoleJs: Asset;
  readonly consoleCss: Asset;
  /** Every file by its content-hashed name, as `/booth/<name>` (and `/console/<name>`) serves it. */
  readonly files: ReadonlyMap<string, Asset>;
  /** Whether this process had to build them (no prebuilt client/dist, or an outdated one). */
  readonly built: boolean;
  /** Older than a source, and client/dist could not be written: served as they are. */
  readonly stale: boolean;
}

let loaded: Promise<BoothAssets> | null = null;

/** The booth's assets, read (or built) once per process; a failure is tried again on the next call. */
export function boothAssets(): Promise<BoothAssets> {
  if (loaded === null) {
    loaded = ensureBundle(BOOTH_BUNDLE).then(({ bundle, built, stale }) => ({
      js: bundle.assets.booth!,
      css: bundle.assets.style!,
      consoleJs: bundle.assets.console!,
      consoleCss: bundle.assets['console-style']!,
      files: bundle.files,
      built,
      stale,
    }));
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}
