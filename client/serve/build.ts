// `npm run build`: builds the browser bundles into their output directories (./bundle.ts) and says
// what it wrote. The server builds them itself when they are missing, so this is for images and
// releases, where nothing should be built at run time.
import { BOOTH_BUNDLE } from './assets.ts';
import { buildBundle } from './bundle.ts';

const started = performance.now();
const manifest = await buildBundle(BOOTH_BUNDLE);
for (const [name, a] of Object.entries(manifest.assets)) {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${name}: client/${BOOTH_BUNDLE.outdir}/${a.file}  ${kb(a.bytes)}, gzip ${kb(a.gzipBytes)}, brotli ${kb(a.brotliBytes)}`,
  );
}
console.log(`built in ${Math.round(performance.now() - started)} ms`);
