// The booth's routes, mounted at / by the server (server/src/app.ts):
//   GET /                 the elections, with links to their booths
//   GET /vote/:election   the booth: activation, ballot, audit or cast, receipt
//   GET /audit            checks an audited ballot (any device)
//   GET /check            checks a cast ballot on the board (the receipt's QR code opens it)
//   GET /booth/booth.js, /booth/booth.css   the bundle (./bundle.ts)
// Pages are in the language of ?lang= (which is then remembered in a cookie), else the remembered
// one, else Romanian.
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLanguage, LANGUAGE_COOKIE, type Language } from '../src/i18n.ts';
import { type Asset, boothAssets } from './bundle.ts';
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
  const immutable = c.req.query('v') === asset.version;
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag: `"${asset.version}"`,
    vary: 'accept-encoding',
  };
  if (c.req.header('if-none-match') === `"${asset.version}"`) return c.body(null, 304, headers);
  if (/\bbr\b/.test(accepts)) return c.body(asset.brotli, 200, { ...headers, 'content-encoding': 'br' });
  if (/\bgzip\b/.test(accepts)) return c.body(asset.gzip, 200, { ...headers, 'content-encoding': 'gzip' });
  return c.body(asset.body, 200, headers);
}

export function boothRoutes(): Hono {
  const app = new Hono();
  app.get('/booth/booth.js', async (c) => sendAsset(c, (await boothAssets()).js));
  app.get('/booth/booth.css', async (c) => sendAsset(c, (await boothAssets()).css));

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
  return app;
}
