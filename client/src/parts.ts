// The parts of the booth a page loads when it needs them rather than before its first screen
// (docs/PERFORMANCE.md, "The booth's first load"): the texts of another language, the QR code
// generator, moving a voting key to another device. Each is a content-hashed file of the bundle
// (../serve/assets.ts) that the server lists by URL in <body data-parts>.
//
// A part that could not be loaded (a dropped connection) can be asked for again. The browser
// remembers a failed import of a URL for as long as the page lives, so the next attempt asks for
// the same file under another query (`?attempt=1`). A part imports nothing the page has not loaded
// already (client/serve/bundle.test.ts checks it), so that file is all there is to fetch again.
import { addTexts, hasTexts, type Language } from './i18n.ts';

interface Parts {
  readonly qr: typeof import('./qr.ts');
  readonly transfer: typeof import('./transfer.ts');
  readonly 'text-ro': typeof import('./text-ro.data.ts');
  readonly 'text-en': typeof import('./text-en.data.ts');
  readonly 'text-ru': typeof import('./text-ru.data.ts');
}

const failures = new Map<keyof Parts, number>();

/** The part `name`, imported (once; again after a failure). */
export async function loadPart<K extends keyof Parts>(name: K): Promise<Parts[K]> {
  const urls = JSON.parse(document.body.dataset.parts ?? '{}') as Partial<Record<string, string>>;
  const url = urls[name];
  if (url === undefined) throw new Error(`the page names no part ${name}`);
  const failed = failures.get(name) ?? 0;
  try {
    return (await import(failed === 0 ? url : `${url}?attempt=${failed}`)) as Parts[K];
  } catch (e) {
    failures.set(name, failed + 1);
    throw e;
  }
}

/** Adds the texts of `language`, loaded if they are not yet. */
export async function loadTexts(language: Language): Promise<void> {
  if (hasTexts(language)) return;
  addTexts(language, (await loadPart(`text-${language}`)).default);
}
