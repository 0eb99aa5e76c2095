import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { boothAssets, firstLoad } from './assets.ts';
import { boothRoutes } from './routes.ts';

const app = boothRoutes();
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('the booth’s pages', () => {
  it('are in Romanian by default, load the bundle by URL with its integrity digest', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    const page = await r.text();
    expect(page).toContain('<html lang="ro">');
    expect(page).toContain('data-page="elections"');
    expect(page).not.toMatch(/<script>|<style>| style=/); // the security policy forbids inline code
    const script = /<script type="module" src="(\/booth\/booth-[\w]+\.js)" integrity="(sha384-[^"]+)">/.exec(page);
    expect(script).not.toBeNull();
    const js = await get(script![1]!);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const body = new Uint8Array(await js.arrayBuffer());
    expect(`sha384-${createHash('sha384').update(body).digest('base64')}`).toBe(script![2]);
    const css = /<link rel="stylesheet" href="(\/booth\/style-[\w]+\.css)" integrity="(sha384-[^"]+)">/.exec(page);
    const style = new Uint8Array(await (await get(css![1]!)).arrayBuffer());
    expect(`sha384-${createHash('sha384').update(style).digest('base64')}`).toBe(css![2]);
  });

  it('preload, with their digests, what the page needs before its first screen, and list the parts loaded later', async () => {
    const assets = await boothAssets();
    const page = await (await get('/vote/demo-2024-10-20?lang=ru')).text();
    const preloads = [
      ...page.matchAll(/<link rel="modulepreload" href="\/booth\/([\w-]+\.js)" integrity="(sha384-[^"]+)">/g),
    ];
    const expected = firstLoad(assets, 'vote', 'ru').filter((a) => a !== assets.js);
    expect(preloads.map((m) => m[1])).toEqual(expected.map((a) => a.file));
    expect(preloads.map((m) => m[2])).toEqual(expected.map((a) => a.integrity));
    expect(preloads.map((m) => m[1])).toContain(assets.parts['page-vote']!.file);
    expect(page).toContain(`data-module="/booth/${assets.parts['page-vote']!.file}"`);
    expect(preloads.map((m) => m[1])).toContain(assets.parts['text-ru']!.file);
    for (const later of ['text-ro', 'text-en', 'qr', 'transfer', 'page-public']) {
      expect(preloads.map((m) => m[1])).not.toContain(assets.parts[later]!.file);
    }
    const parts = JSON.parse(/data-parts="([^"]+)"/.exec(page)![1]!.replaceAll('&quot;', '"')) as Record<
      string,
      string
    >;
    expect(parts.qr).toBe(`/booth/${assets.parts.qr!.file}`);
    expect(Object.keys(parts).sort()).toEqual(Object.keys(assets.parts).sort());
    for (const url of [...Object.values(parts), ...preloads.map((m) => `/booth/${m[1]}`)]) {
      const r = await get(url, { 'accept-encoding': 'br' });
      expect([r.status, r.headers.get('cache-control'), r.headers.get('content-encoding')]).toEqual([
        200,
        'public, max-age=31536000, immutable',
        'br',
      ]);
    }
    // What the loader shows if one of them cannot be loaded, in the page's language.
    expect(page).toContain('<template id="load-failed">');
    expect(page).toContain('Страница загрузилась не полностью.');
  });

  it('switch language by ?lang=, remember it in a cookie, and keep the page’s query in the switch', async () => {
    const r = await get('/check?election=demo&code=abc&lang=ru');
    const page = await r.text();
    expect(page).toContain('<html lang="ru">');
    expect(page).toContain('Проверка голоса');
    expect(r.headers.get('set-cookie')).toMatch(/^evotare-lang=ru;.*Path=\//);
    expect(page).toContain('href="?election=demo&amp;code=abc&amp;lang=en"');
    const remembered = await (await get('/audit', { cookie: 'evotare-lang=en' })).text();
    expect(remembered).toContain('<html lang="en">');
    const nonsense = await (await get('/audit?lang=xx', { cookie: 'evotare-lang=zz' })).text();
    expect(nonsense).toContain('<html lang="ro">');
  });

  it('name the election of a booth, and answer 404 for an id that cannot be one', async () => {
    expect(await (await get('/vote/demo-2024-10-20')).text()).toContain('data-election="demo-2024-10-20"');
    const bad = await get('/vote/Demo%22%3E');
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain('data-election=""');
  });
});

describe('the bundle', () => {
  it('is served by its content-hashed name, compressed, cached for good, and revalidates by ETag', async () => {
    const { js, css } = await boothAssets();
    const plain = new Uint8Array(await (await get(`/booth/${js.file}`)).arrayBuffer());
    const br = await get(`/booth/${js.file}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(new Uint8Array(await br.arrayBuffer()))).toEqual(Buffer.from(plain));
    const gz = await get(`/booth/${css.file}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(new Uint8Array(await gz.arrayBuffer())).toString()).toMatch(/^:root\{/);
    const etag = br.headers.get('etag')!;
    expect((await get(`/booth/${js.file}`, { 'if-none-match': etag })).status).toBe(304);
    expect(plain.length).toBeLessThan(2_000); // the loader: the rest is in the parts it imports
    expect((await get('/booth/booth.js')).status).toBe(404);
  });
});
