// `npm run build`: builds the browser bundles into their output directories (./bundle.ts) — the
// booth's and the console's into client/dist, the verifier page's into client/dist/verify — and says
// what it wrote, and what a voter downloads before each booth page's first screen. The server
// builds them itself when they are missing, so this is for images and releases, where nothing
// should be built at run time.
import { LANGUAGES } from '../src/i18n.ts';
import { allBoothScripts, BOOTH_BUNDLE, BOOTH_PAGES, boothAssets, firstLoad } from './assets.ts';
import { type Asset, buildBundle } from './bundle.ts';
import { VERIFIER_PAGE_BUNDLE } from './verifier-page.ts';

const started = performance.now();
// The booth and the console, and the verifier page (its own directory, client/dist/verify).
const [manifest, verifierManifest] = await Promise.all([buildBundle(BOOTH_BUNDLE), buildBundle(VERIFIER_PAGE_BUNDLE)]);
const builtMs = Math.round(performance.now() - started);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const [spec, m] of [
  [BOOTH_BUNDLE, manifest],
  [VERIFIER_PAGE_BUNDLE, verifierManifest],
] as const) {
  for (const [name, a] of Object.entries(m.assets)) {
    console.log(
      `${name}: client/${spec.outdir}/${a.file}  ${kb(a.bytes)}, gzip ${kb(a.gzipBytes)}, brotli ${kb(a.brotliBytes)}`,
    );
  }
}
const sum = (assets: readonly Asset[]) => assets.reduce((n, a) => n + a.gzip.length, 0);
const chunksGzip = manifest.chunks.reduce((n, c) => n + c.gzipBytes, 0);
console.log(`${manifest.chunks.length} chunks the booth's parts share: gzip ${kb(chunksGzip)}`);
const assets = await boothAssets();
for (const page of BOOTH_PAGES) {
  const sizes = LANGUAGES.map((l) => `${l} ${kb(sum(firstLoad(assets, page, l)))}`);
  console.log(`before the first screen of the booth's ${page} page, gzip: ${sizes.join(', ')}`);
}
console.log(`every script of the booth: gzip ${kb(sum(allBoothScripts(assets)))}`);
console.log(`built in ${builtMs} ms`);
