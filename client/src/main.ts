// The booth's one script (bundled by ../serve/bundle.ts): the page the server rendered names itself
// in <body data-page>, and its module takes over <main>. crypto/ (imported by the pages) starts its
// WebAssembly engine with a top-level await before any of this runs.
import { auditPage } from './pages/audit.ts';
import { boardPage } from './pages/board.ts';
import { checkPage } from './pages/check.ts';
import { electionsPage } from './pages/elections.ts';
import { votePage } from './pages/vote.ts';

const PAGES: Record<string, () => void | Promise<void>> = {
  elections: electionsPage,
  vote: votePage,
  audit: auditPage,
  check: checkPage,
  board: boardPage,
};

const start = PAGES[document.body.dataset.page ?? ''];
if (start) void start();
