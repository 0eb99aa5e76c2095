// The booth's public pages in one module (`page-public`, ../../serve/assets.ts): the list of
// elections, the check of an audited ballot, the check of a vote by its tracking code and the
// public board. They share most of their code, and one module for the four keeps the files a page
// fetches before its first screen to five, which a browser speaking HTTP/1.1 (six connections to a
// server) fetches at once with the stylesheet; the voting page, the largest, is a module of its
// own. The page the server rendered names itself in <body data-page>.
import { auditPage } from './audit.ts';
import { boardPage } from './board.ts';
import { checkPage } from './check.ts';
import { electionsPage } from './elections.ts';

const PAGES: Record<string, () => Promise<void>> = {
  elections: electionsPage,
  audit: auditPage,
  check: checkPage,
  board: boardPage,
};

/** The page's start, called by the booth's loader (../main.ts). */
export async function start(): Promise<void> {
  await PAGES[document.body.dataset.page ?? '']?.();
}
