// The booth's scripts and stylesheet (./bundle.ts), and the officials' console's (client/src/console/),
// built together into client/dist by `npm run build`, or by the server before it listens when
// client/dist is missing or older than a source. Loaded once per process and kept in memory.
//
// The booth's script is split so that a voter downloads, before the first screen, only what that
// screen needs (docs/PERFORMANCE.md, "The booth's first load"): a small loader (src/main.ts), the
// page's module with the chunks it imports, and the texts of the page's language, all named by the
// page (./shell.ts) so that the browser fetches them at once — five files. The other parts —
// another language's texts, the QR code generator, moving a voting key to another device — are
// loaded when the voter needs them (src/parts.ts). The QR code generator and the key transfer are
// bundled whole (they share nothing with the pages that a page would have to fetch before its
// first screen): each is one file, loaded (or tried again) alone.
import { fileURLToPath } from 'node:url';
import type { Language } from '../src/i18n.ts';
import { type Asset, type BundleSpec, bundleOnce, type LoadedBundle, staticImports } from './bundle.ts';

/** The booth's pages, as <body data-page> names them, and the part that is each one's module. */
export const BOOTH_PAGES = ['elections', 'vote', 'audit', 'check', 'board'] as const;
export type BoothPage = (typeof BOOTH_PAGES)[number];
export const PAGE_MODULES: Readonly<Record<BoothPage, string>> = {
  vote: 'page-vote',
  elections: 'page-public',
  audit: 'page-public',
  check: 'page-public',
  board: 'page-public',
};

export const BOOTH_BUNDLE: BundleSpec = {
  root: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: {
    style: 'src/booth.css',
    qr: 'src/qr.ts',
    transfer: 'src/transfer.ts',
    console: 'src/console/main.ts',
    'console-style': 'src/console/console.css',
  },
  splitEntryPoints: {
    booth: 'src/main.ts',
    'page-vote': 'src/pages/vote.ts',
    'page-public': 'src/pages/public.ts',
    'text-ro': 'src/text-ro.data.ts',
    'text-en': 'src/text-en.data.ts',
    'text-ru': 'src/text-ru.data.ts',
  },
  outdir: 'dist',
};

/** What the loader and the pages import by URL (src/parts.ts). */
const BOOTH_PARTS = ['page-vote', 'page-public', 'text-ro', 'text-en', 'text-ru', 'qr', 'transfer'] as const;

export interface BoothAssets extends LoadedBundle {
  /** The booth's loader, the one script a booth page names (src/main.ts). */
  readonly js: Asset;
  readonly css: Asset;
  /** The booth's parts by name (`page-vote`, `text-ro`, `qr`, …): what the loader and the pages import by URL. */
  readonly parts: Readonly<Record<string, Asset>>;
  /** The officials' console (client/src/console/): its script and stylesheet. */
  readonly consoleJs: Asset;
  readonly consoleCss: Asset;
}

/** The booth's assets (files served as `/booth/<name>` and `/console/<name>`), read (or built) once per process. */
export const boothAssets: () => Promise<BoothAssets> = bundleOnce(BOOTH_BUNDLE, (bundle) => ({
  js: bundle.assets.booth!,
  css: bundle.assets.style!,
  parts: Object.fromEntries(BOOTH_PARTS.map((name) => [name, bundle.assets[name]!])),
  consoleJs: bundle.assets.console!,
  consoleCss: bundle.assets['console-style']!,
}));

/**
 * The scripts a booth page has the browser fetch before its first screen: the loader, the page's
 * module and every chunk it imports, and the texts of the page's language (the loader first). The
 * page names them all (./shell.ts); `booth_js_gzip_kb` is their size.
 */
export function firstLoad(assets: Pick<BoothAssets, 'js' | 'parts' | 'files'>, page: BoothPage, language: Language) {
  const files = new Set([
    ...staticImports(assets.files, assets.js.file),
    ...staticImports(assets.files, assets.parts[PAGE_MODULES[page]]!.file),
    ...staticImports(assets.files, assets.parts[`text-${language}`]!.file),
  ]);
  return [...files].map((f) => assets.files.get(f)!);
}

/** Every script of the booth: the loader, every part and every chunk they import (`booth_js_total_gzip_kb`). */
export function allBoothScripts(assets: Pick<BoothAssets, 'js' | 'parts' | 'files'>) {
  const files = new Set(
    [assets.js, ...Object.values(assets.parts)].flatMap((a) => staticImports(assets.files, a.file)),
  );
  return [...files].map((f) => assets.files.get(f)!);
}
