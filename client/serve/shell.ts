// The HTML around each booth page: the language in <html lang>, the header with the language
// switch (plain links, so it works before or without the script), a <main> the script fills, and
// the script and stylesheet by URL with their integrity digests (the security policy forbids
// inline script and style). Without JavaScript the page says why it needs it.
//
// The script is the booth's loader; the page also names, as module preloads (with their digests),
// the files the loader will import before the first screen — the page's module, its chunks and the
// texts of the page's language (./assets.ts, firstLoad) — so that the browser fetches them all at
// once instead of one after another; <body data-module> names the page's module, and
// <body data-parts> lists every part of the booth by URL for the parts loaded later (src/parts.ts). If a file cannot be loaded, the loader shows the
// page's <template id="load-failed"> (rendered here, in the page's language) instead of nothing.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { LANGUAGES, type Language, translate } from '../src/i18n.ts';
import type { TextKey } from '../src/text.ts';
import { addAllTexts } from '../src/text-all.ts';
import { type BoothAssets, type BoothPage, firstLoad, PAGE_MODULES } from './assets.ts';

export type { BoothPage };

addAllTexts();

const TITLES: Record<BoothPage, TextKey> = {
  elections: 'titleElections',
  vote: 'titleVote',
  audit: 'titleAudit',
  check: 'titleCheck',
  board: 'titleBoard',
};

/** Each language named in itself, as the switch shows it. */
const LANGUAGE_NAMES: Record<Language, string> = { ro: 'Română', en: 'English', ru: 'Русский' };

export interface ShellOptions {
  readonly page: BoothPage;
  readonly language: Language;
  readonly assets: BoothAssets;
  /** The page's query, kept in the language links (e.g. the check page's election and code). */
  readonly query: URLSearchParams;
  readonly electionId?: string;
}

/** The language switch: a link per language, keeping the page's query; the current one marked. */
export function languageLinks(language: Language, query: URLSearchParams) {
  return LANGUAGES.map((l) => {
    const q = new URLSearchParams(query);
    q.set('lang', l);
    const current = l === language ? raw(' aria-current="true"') : '';
    return html`<a href="?${q.toString()}" hreflang="${l}" lang="${l}"${current}>${LANGUAGE_NAMES[l]}</a>`;
  });
}

export function renderShell(o: ShellOptions): HtmlEscapedString | Promise<HtmlEscapedString> {
  const text = (key: TextKey) => translate(o.language, key);
  const links = languageLinks(o.language, o.query);
  const { js, css } = o.assets;
  const preloads = firstLoad(o.assets, o.page, o.language)
    .filter((a) => a !== js)
    .map((a) => html`<link rel="modulepreload" href="/booth/${a.file}" integrity="${a.integrity}">\n`);
  const parts = JSON.stringify(
    Object.fromEntries(Object.entries(o.assets.parts).map(([n, a]) => [n, `/booth/${a.file}`])),
  );
  return html`<!doctype html>
<html lang="${o.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(TITLES[o.page])} — CEC</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/booth/${css.file}" integrity="${css.integrity}">
<script type="module" src="/booth/${js.file}" integrity="${js.integrity}"></script>
${preloads}</head>
<body data-page="${o.page}" data-election="${o.electionId ?? ''}" data-module="/booth/${o.assets.parts[PAGE_MODULES[o.page]]!.file}" data-parts="${parts}">
<a class="skip" href="#main" data-text="skip">${text('skip')}</a>
<header class="top">
<p class="brand"><a href="/" data-text="brand">${text('brand')}</a></p>
<nav class="languages" aria-label="${text('languageNav')}" data-label="languageNav">${links}</nav>
</header>
<main id="main" tabindex="-1" aria-busy="true">
<h1>${text(TITLES[o.page])}</h1>
<noscript><p class="notice error">${text('noscript')}</p></noscript>
</main>
<footer class="bottom"><p data-text="footer">${text('footer')}</p></footer>
<template id="load-failed"><div class="notice error" role="alert"><p><strong>⚠ </strong>${text('loadFailed')}</p><p><button type="button" class="button">${text('tryAgain')}</button></p></div></template>
</body>
</html>`;
}
