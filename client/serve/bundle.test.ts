import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BOOTH_BUNDLE } from './assets.ts';
import { ensureBundle, readBundleManifest } from './bundle.ts';

/**
 * The booth's script, gzipped, must stay within this. Issue 10 sets 80 KB as the target for a
 * phone on a slow network; the script is 110 KB today (91 KB before the voting flow of issue 10
 * items 1, 2 and 5 – 9 added its texts and the credential transfer's key derivation), and
 * docs/PERFORMANCE.md, "The booth's first load", says what is in it and what would shrink it. This
 * budget stops it growing back by a lot unnoticed (all of zod's locales, or zod imported as
 * `{ z }`, which defeats tree shaking, add 25 to 60 KB).
 */
const BOOTH_JS_GZIP_BUDGET_KB = 115;

describe('the booth’s bundle', () => {
  it('is prebuilt with content-hashed names, read back without building, and within its size budget', async () => {
    await ensureBundle(BOOTH_BUNDLE);
    const again = await ensureBundle(BOOTH_BUNDLE);
    expect(again.built).toBe(false);
    const manifest = (await readBundleManifest(BOOTH_BUNDLE))!;
    expect(manifest.assets.booth!.file).toMatch(/^booth-[A-Z0-9]{8}\.js$/);
    expect(manifest.assets.style!.file).toMatch(/^style-[A-Z0-9]{8}\.css$/);
    const js = again.bundle.assets.booth!;
    expect(gzipSync(js.body, { level: 9 }).length).toBe(manifest.assets.booth!.gzipBytes);
    expect(manifest.assets.booth!.gzipBytes / 1024).toBeLessThanOrEqual(BOOTH_JS_GZIP_BUDGET_KB);
    // zod's locales other than English are left out.
    expect(Object.keys(manifest.inputs).some((p) => /zod\/v4\/locales\/(de|ru|ro)\.js$/.test(p))).toBe(false);
    expect(Object.keys(manifest.inputs)).toContain('src/main.ts');
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
