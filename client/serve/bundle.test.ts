import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../src/i18n.ts';
import { TEXT } from '../src/text.ts';
import { allBoothScripts, BOOTH_BUNDLE, BOOTH_PAGES, boothAssets, firstLoad } from './assets.ts';
import { type Asset, ensureBundle, readBundleManifest, staticImports } from './bundle.ts';

/**
 * Issue 10: what a voter downloads before the booth's first screen, gzipped, is at most 80 KB (a
 * phone on a slow network). It is measured as the page makes the browser fetch it (firstLoad: the
 * loader, the page's module and chunks, the texts of the page's language), for every page and
 * language; 75 – 76 KB for the voting page today (docs/PERFORMANCE.md, "The booth's first load").
 */
const FIRST_LOAD_GZIP_BUDGET_KB = 80;
/**
 * Every script of the booth, all parts loaded (112 KB today): the other languages' texts, the QR
 * code generator, the key transfer, the other pages. Stops the whole from growing unnoticed behind
 * the first load's figure (all of zod's locales, or zod imported as `{ z }`, which defeats tree
 * shaking, add 25 to 60 KB).
 */
const TOTAL_GZIP_BUDGET_KB = 120;

const kb = (assets: readonly Asset[]) => assets.reduce((sum, a) => sum + a.gzip.length, 0) / 1024;

describe('the booth’s bundle', () => {
  it('is prebuilt with content-hashed names, read back without building, and within its size budgets', async () => {
    await ensureBundle(BOOTH_BUNDLE);
    const again = await ensureBundle(BOOTH_BUNDLE);
    expect(again.built).toBe(false);
    const manifest = (await readBundleManifest(BOOTH_BUNDLE))!;
    expect(manifest.assets.booth!.file).toMatch(/^booth-[A-Z0-9]{8}\.js$/);
    expect(manifest.assets['page-vote']!.file).toMatch(/^page-vote-[A-Z0-9]{8}\.js$/);
    expect(manifest.assets.style!.file).toMatch(/^style-[A-Z0-9]{8}\.css$/);
    expect(manifest.chunks.map((c) => c.file)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^chunk-[A-Z0-9]{8}\.js$/)]),
    );
    const js = again.bundle.assets.booth!;
    expect(gzipSync(js.body, { level: 9 }).length).toBe(manifest.assets.booth!.gzipBytes);
    const assets = await boothAssets();
    for (const page of BOOTH_PAGES) {
      for (const language of LANGUAGES) {
        expect(kb(firstLoad(assets, page, language)), `${page} in ${language}`).toBeLessThanOrEqual(
          FIRST_LOAD_GZIP_BUDGET_KB,
        );
      }
    }
    expect(kb(allBoothScripts(assets))).toBeLessThanOrEqual(TOTAL_GZIP_BUDGET_KB);
    // zod's locales other than English, and its JSON Schema writer, are left out.
    const inputs = Object.keys(manifest.inputs);
    expect(inputs.some((p) => /zod\/v4\/locales\/(de|ru|ro)\.js$/.test(p))).toBe(false);
    expect(inputs.some((p) => /zod\/v4\/core\/to-json-schema\.js$/.test(p))).toBe(false);
    // The texts are evaluated at build time, and their catalogue is an input (an edit rebuilds).
    expect(inputs).toEqual(expect.arrayContaining(['src/main.ts', 'src/text.ts', 'src/text-voter.ts']));
  });

  it('loads only the page’s language and none of the parts used later before the first screen', async () => {
    const assets = await boothAssets();
    const text = (files: readonly Asset[]) => files.map((a) => new TextDecoder().decode(a.body)).join('\n');
    for (const language of LANGUAGES) {
      const first = firstLoad(assets, 'vote', language);
      const code = text(first);
      for (const other of LANGUAGES)
        expect(code.includes(TEXT.brand[other]), `${other} in ${language}`).toBe(other === language);
      for (const later of ['qr', 'transfer', 'page-public']) expect(first).not.toContain(assets.parts[later]);
    }
  });

  it('has parts that import nothing a page has not loaded before its first screen (a failed one is tried again alone)', async () => {
    const assets = await boothAssets();
    for (const page of BOOTH_PAGES) {
      const first = new Set(firstLoad(assets, page, 'ro').map((a) => a.file));
      for (const part of ['qr', 'transfer', 'text-ro', 'text-en', 'text-ru']) {
        const file = assets.parts[part]!.file;
        expect(
          staticImports(assets.files, file).filter((f) => f !== file && !first.has(f)),
          `${part} on ${page}`,
        ).toEqual([]);
      }
    }
    expect([assets.parts.qr!.imports, assets.parts.transfer!.imports]).toEqual([[], []]);
  });

  it('has each page fetch at most five scripts before its first screen (with the stylesheet, one round of HTTP/1.1’s six connections)', async () => {
    const assets = await boothAssets();
    for (const page of BOOTH_PAGES) expect(firstLoad(assets, page, 'ru').length, page).toBeLessThanOrEqual(5);
  });
});

describe('a bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is built when missing, and again when a source changed since, under a new name', async () => {
    writeFileSync(join(dir, 'page.ts'), "document.title = 'one';\n");
    const spec = { root: dir, entryPoints: { page: 'page.ts' }, outdir: 'dist' };
    const first = await ensureBundle(spec);
    expect(first.built).toBe(true);
    expect((await ensureBundle(spec)).built).toBe(false);
    writeFileSync(join(dir, 'page.ts'), "document.title = 'two';\n");
    utimesSync(join(dir, 'page.ts'), new Date(), new Date(Date.now() + 5_000));
    const second = await ensureBundle(spec);
    expect(second.built).toBe(true);
    expect(second.bundle.assets.page!.file).not.toBe(first.bundle.assets.page!.file);
    expect(new TextDecoder().decode(second.bundle.assets.page!.body)).toContain('two');
    expect(second.bundle.files.has(first.bundle.assets.page!.file)).toBe(false);
  });

  it('splits entry points into the chunks they share, with their imports, and evaluates *.data.ts when built', async () => {
    writeFileSync(join(dir, 'shared.ts'), "export const greet = (who: string) => 'hello, ' + who;\n");
    writeFileSync(join(dir, 'a.ts'), "import { greet } from './shared.ts';\ndocument.title = greet('a');\n");
    writeFileSync(join(dir, 'b.ts'), "import { greet } from './shared.ts';\ndocument.title = greet('b');\n");
    writeFileSync(join(dir, 'words.ts'), "export const WORDS = { one: 'unu', two: 'doi' };\n");
    writeFileSync(
      join(dir, 'count.data.ts'),
      "import { WORDS } from './words.ts';\nexport default Object.values(WORDS).map((w) => w.toUpperCase());\n",
    );
    const spec = {
      root: dir,
      entryPoints: {},
      splitEntryPoints: { a: 'a.ts', b: 'b.ts', count: 'count.data.ts' },
      outdir: 'split',
    };
    const { bundle } = await ensureBundle(spec);
    const [a, b] = [bundle.assets.a!, bundle.assets.b!];
    expect(a.imports).toHaveLength(1);
    expect(b.imports).toEqual(a.imports);
    const chunk = bundle.files.get(a.imports[0]!)!;
    expect(chunk.file).toMatch(/^chunk-[A-Z0-9]{8}\.js$/);
    expect(new TextDecoder().decode(chunk.body)).toContain('hello, ');
    expect(staticImports(bundle.files, a.file)).toEqual([a.file, chunk.file]);
    const count = new TextDecoder().decode(bundle.assets.count!.body);
    expect(count).toContain('["UNU","DOI"]');
    expect(count).not.toContain('toUpperCase');
    // The data's sources are inputs: editing one builds again.
    expect(Object.keys((await readBundleManifest(spec))!.inputs)).toEqual(expect.arrayContaining(['words.ts']));
    writeFileSync(join(dir, 'words.ts'), "export const WORDS = { one: 'unu', two: 'doi', three: 'trei' };\n");
    utimesSync(join(dir, 'words.ts'), new Date(), new Date(Date.now() + 5_000));
    const again = await ensureBundle(spec);
    expect(again.built).toBe(true);
    expect(new TextDecoder().decode(again.bundle.assets.count!.body)).toContain('["UNU","DOI","TREI"]');
  });

  it('serves what was built when a source changed but cannot be built (stale rather than no booth)', async () => {
    writeFileSync(join(dir, 'page.ts'), "document.title = 'three';\n");
    const spec = { root: dir, entryPoints: { page: 'page.ts' }, outdir: 'dist' };
    const good = await ensureBundle(spec);
    writeFileSync(join(dir, 'page.ts'), 'document.title = ;\n');
    utimesSync(join(dir, 'page.ts'), new Date(), new Date(Date.now() + 10_000));
    const kept = await ensureBundle(spec);
    expect(kept).toMatchObject({ built: false, stale: true });
    expect(kept.bundle.assets.page!.file).toBe(good.bundle.assets.page!.file);
    rmSync(join(dir, 'dist'), { recursive: true });
    await expect(ensureBundle(spec)).rejects.toThrow();
  });
});
