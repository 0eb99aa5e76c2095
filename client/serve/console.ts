// The officials' console's page, mounted at / by the server (server/src/app.ts):
//   GET /console                          the page (the script signs in with an official's token)
//   GET /console/console-<hash>.js, console-style-<hash>.css  its bundle (./assets.ts, built with the booth's)
// The page itself holds nothing secret: every figure comes from the admin API, which needs the
// token. It is in the language of ?lang= (remembered in the booth's cookie), else Romanian.
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { ct } from '../src/console/text.ts';
import { boothAssets } from './assets.ts';
import { pageLanguage, sendAsset } from './routes.ts';
import { languageLinks } from './shell.ts';

export function consoleRoutes(): Hono {
  const app = new Hono();
  app.get('/console/:file{console-[A-Za-z0-9-]+\\.(js|css)}', async (c) => {
    const { consoleJs, consoleCss } = await boothAssets();
    const asset = [consoleJs, consoleCss].find((a) => a.file === c.req.param('file'));
    return asset ? sendAsset(c, asset) : c.notFound();
  });
  app.get('/console', async (c: Context) => {
    const language = pageLanguage(c);
    const query = new URLSearchParams(c.req.query());
    query.delete('lang');
    const links = languageLinks(language, query);
    const { consoleJs: js, consoleCss: css } = await boothAssets();
    const text = (key: Parameters<typeof ct>[0]) => ct(key, {}, language);
    c.header('cache-control', 'no-store');
    return c.html(html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${text('title')} — CEC</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/${css.file}" integrity="${css.integrity}">
<script type="module" src="/console/${js.file}" integrity="${js.integrity}"></script>
</head>
<body class="console" data-page="console">
<a class="skip" href="#main" data-text="skip">${text('skip')}</a>
<header class="top">
<p class="brand"><a href="/console" data-text="brand">${text('brand')}</a></p>
<nav class="languages" aria-label="${text('languageNav')}" data-label="languageNav">${links}</nav>
</header>
<main id="main" tabindex="-1" aria-busy="true">
<h1>${text('title')}</h1>
<noscript><p class="notice error">${text('noscript')}</p></noscript>
</main>
<footer class="bottom"><p data-text="footer">${text('footer')}</p></footer>
</body>
</html>`);
  });
  return app;
}
