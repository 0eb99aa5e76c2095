// The booth's routes, mounted at / by the server (server/src/app.ts):
//   GET /                 the elections, with links to their booths
//   GET /vote/:election   the booth: activation, ballot, audit or cast, receipt
//   GET /audit            checks an audited ballot (any device)
//   GET /check            checks a cast ballot on the board (the receipt's QR code opens it)
//   GET /board            the public bulletin board, read-only: entries, tree heads, a tracking code
//   GET /booth/<name>-<hash>.js|css   the prebuilt bundle (./assets.ts), cached for good
// Pages are in the language of ?lang= (which is then remembered in a cookie), else the remembered
// one, else Romanian.
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLanguage, LANGUAGE_COOKIE, type Language } from '../src/i18n.ts';
import { boothAssets } from './assets.ts';
import type { Asset } from './bundle.ts';
import { type BoothPage, renderShell } from './shell.ts';

const ELECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function pageLanguage(c: Context): Language {
  const asked = c.req.query('lang');
  if (isLanguage(asked)) {
    setCookie(c, LANGUAGE_COOKIE, asked, { path: '/', maxAge: 31_536_000, sameSite: 'Lax' });
    return asked;
  }
  const remembered = getCookie(c, LANGUAGE_COOKIE);
  return isLanguage(remembered) ? remembered : 'ro';
}

export function sendAsset(c: Context, asset: Asset): Response {
  const accepts = c.req.header('accept-encoding') ?? '';
  // The name changes with the content, so a browser may keep the file for good.
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': 'public, max-age=31536000, immutable',
    etag: `"${asset.file}"`,
    vary: 'accept-encoding',
  };
  if (c.req.header('if-none-match') === `"${asset.file}"`) return c.body(null, 304, headers);
  if (/\bbr\b/.test(accepts)) return c.body(asset.brotli, 200, { ...headers, 'content-encoding': 'br' });
  if (/\bgzip\b/.test(accepts)) return c.body(asset.gzip, 200, { ...headers, 'content-encoding': 'gzip' });
  return c.body(asset.body, 200, headers);
}

export function boothRoutes(): Hono {
  const app = new Hono();
  app.get('/booth/:file', async (c) => {
    const asset = (await boothAssets()).files.get(c.req.param('file'));
    return asset ? sendAsset(c, asset) : c.notFound();
  });

  const page =
    (name: BoothPage, electionId?: string, status: 200 | 404 = 200) =>
    async (c: Context) => {
      const language = pageLanguage(c);
      const query = new URLSearchParams(c.req.query());
      query.delete('lang');
      c.header('cache-control', 'no-cache');
      const assets = await boothAssets();
      return c.html(renderShell({ page: name, language, assets, query, electionId }), status);
    };
  app.get('/', (c) => page('elections')(c));
  app.get('/vote/:election', (c) => {
    const id = c.req.param('election');
    return ELECTION_ID.test(id) ? page('vote', id)(c) : page('vote', '', 404)(c);
  });
  app.get('/audit', (c) => page('audit')(c));
  app.get('/check', (c) => page('check')(c));
  app.get('/board', (c) => page('board')(c));
  return app;
}
