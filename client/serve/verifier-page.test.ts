import { describe, expect, it } from 'vitest';
import { ensureBundle, readBundleManifest } from './bundle.ts';
import { VERIFIER_PAGE_BUNDLE, verifierPageAssets, verifierPageFiles } from './verifier-page.ts';

/**
 * The verifier page's script and its worker, gzipped: 90.9 + 43.6 KB today (the in-memory build it
 * replaced sent 88.4 + 49.6 KB: the worker no longer carries zod's 40 locales). An auditor downloads
 * it once (its names change with its content); the budget stops it growing unnoticed.
 */
const PAGE_GZIP_BUDGET_KB = 150;

describe('the verifier page’s bundle', () => {
  it('is prebuilt with content-hashed names beside the booth’s, read back without building, within its budget', async () => {
    await ensureBundle(VERIFIER_PAGE_BUNDLE);
    expect((await ensureBundle(VERIFIER_PAGE_BUNDLE)).built).toBe(false);
    const manifest = (await readBundleManifest(VERIFIER_PAGE_BUNDLE))!;
    expect(manifest.assets.verify!.file).toMatch(/^verify-[A-Z0-9]{8}\.js$/);
    expect(manifest.assets['verify-worker']!.file).toMatch(/^verify-worker-[A-Z0-9]{8}\.js$/);
    expect(manifest.assets['verify-style']!.file).toMatch(/^verify-style-[A-Z0-9]{8}\.css$/);
    const assets = await verifierPageAssets();
    const kb = (assets.js.gzip.length + assets.worker.gzip.length) / 1024;
    expect(kb).toBeLessThanOrEqual(PAGE_GZIP_BUDGET_KB);
  });

  it('is a static site: index.html names every other file by a relative URL, with its digest', async () => {
    const files = await verifierPageFiles();
    const index = new TextDecoder().decode(files.get('index.html')!.body);
    const named = [...index.matchAll(/(?:src|href|data-worker)="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(named)).toEqual(new Set([...files.keys()].filter((n) => n !== 'index.html')));
    expect(index.match(/integrity="sha384-/g)).toHaveLength(2);
    // Nothing served from elsewhere, and no inline script or style (the server's security policy).
    expect(index).not.toMatch(/https?:|<style|<script>/);
  });
});
