// The booth's loader, the one script a page names (../serve/shell.ts): it imports the page's module
// (./pages/, named in <body data-module>) and the texts of the page's language (from the parts
// listed in <body data-parts>), then lets the page take over <main>. The page preloaded both with
// the chunks they import (crypto/ among them, which starts its WebAssembly engine with a top-level
// await before the page's module runs).
//
// It imports nothing itself, so that it runs even when one of those files cannot be loaded (a
// dropped connection): then it shows the page's message for that, rendered by the server in the
// page's language, with a button that loads the page again (a fresh page: the browser would
// otherwise remember the failed import).

interface PageModule {
  start(): void | Promise<void>;
}

async function importPage(): Promise<PageModule | null> {
  const parts = JSON.parse(document.body.dataset.parts ?? '{}') as Partial<Record<string, string>>;
  const page = document.body.dataset.module;
  const texts = parts[`text-${document.documentElement.lang}`];
  if (page === undefined || texts === undefined) return null;
  const [module] = await Promise.all([import(page), import(texts)]);
  return module as PageModule;
}

function showLoadFailure(): void {
  const message = document.querySelector<HTMLTemplateElement>('template#load-failed');
  const main = document.getElementById('main');
  if (message === null || main === null) return;
  main.append(message.content.cloneNode(true)); // below the page's heading
  main.setAttribute('aria-busy', 'false');
  main.querySelector('button')?.addEventListener('click', () => location.reload());
}

let page: PageModule | null = null;
try {
  page = await importPage();
} catch (e) {
  console.error(e);
  showLoadFailure();
}
await page?.start();
