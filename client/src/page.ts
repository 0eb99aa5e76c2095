// What every booth page shares: the language switch in the header (links that work without script;
// with script they switch in place, so a half-filled ballot is kept), the texts of the page around
// the screens, the API client and the device's credential store.
import { formatFingerprint } from '@evotare/crypto/fingerprint';
import { createApi } from './api.ts';
import { CredentialStore } from './credential-store.ts';
import { type Child, fieldValue, h } from './dom.ts';
import { initLanguage, isLanguage, type Language, language, onLanguageChange, setLanguage, t } from './i18n.ts';
import { loadTexts } from './parts.ts';
import type { Message } from './problems.ts';
import type { TextKey } from './text.ts';

export const api = createApi({ language });

/** localStorage, reached only when used: merely touching it throws where the browser blocks storage. */
export const store = new CredentialStore({
  getItem: (key) => globalThis.localStorage.getItem(key),
  setItem: (key, value) => globalThis.localStorage.setItem(key, value),
  removeItem: (key) => globalThis.localStorage.removeItem(key),
});

/**
 * Sets up the page chrome once the texts of the page's language are loaded (the page preloaded
 * them); `render` re-draws the current screen after a language switch.
 */
export async function startPage(titleKey: TextKey, render: () => void): Promise<void> {
  initLanguage(document);
  await loadTexts(language());
  const relabel = () => {
    document.title = `${t(titleKey)} — CEC`;
    for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) {
      el.textContent = t(el.dataset.text as TextKey);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-label]')) {
      el.setAttribute('aria-label', t(el.dataset.label as TextKey));
    }
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.languages a[hreflang]')) {
      if (a.hreflang === language()) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
  };
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.languages a[hreflang]')) {
    a.addEventListener('click', (event) => {
      const next = a.hreflang;
      if (!isLanguage(next)) return;
      event.preventDefault();
      if (next !== language()) void switchLanguage(next);
    });
  }
  onLanguageChange(() => {
    relabel();
    render();
  });
  relabel();
}

/** The language the voter last asked for, while its texts load. */
let wanted: Language | null = null;

/**
 * Switches to `next` once its texts are loaded (the first time, from the server). Until then the
 * current screen stays and a line below the header says that the page is loading; if they cannot be
 * loaded, that line says so in the current language, with a button to try again. A later choice
 * wins over an earlier one still loading.
 */
async function switchLanguage(next: Language): Promise<void> {
  wanted = next;
  const status = languageStatus();
  status.replaceChildren(h('p', { class: 'busy status-line', role: 'status' }, t('loading')));
  let loaded = true;
  try {
    await loadTexts(next);
  } catch {
    loaded = false;
  }
  if (wanted !== next) return;
  wanted = null;
  if (loaded) {
    status.replaceChildren();
    setLanguage(document, next);
  } else {
    const again = h(
      'button',
      { type: 'button', class: 'button', onclick: () => void switchLanguage(next) },
      t('tryAgain'),
    );
    status.replaceChildren(notice('error', { key: 'languageLoadFailed' }, h('p', null, again)));
  }
  // The button pressed to try again is gone: the focus goes to the language asked for, not to <body>.
  if (document.activeElement === document.body) {
    document.querySelector<HTMLElement>(`nav.languages a[hreflang="${next}"]`)?.focus();
  }
}

/** The place below the header for news of a language switch (created once). */
function languageStatus(): HTMLElement {
  const existing = document.getElementById('language-status');
  if (existing !== null) return existing;
  const status = h('div', { id: 'language-status', class: 'language-status' });
  document.querySelector('header.top')?.after(status);
  return status;
}

/** A message box: role alert for errors (read out at once), status for news. */
export function notice(kind: 'error' | 'info' | 'success', message: Message | string, ...more: Child[]): HTMLElement {
  const text = typeof message === 'string' ? message : t(message.key, message.values);
  return h(
    'div',
    { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('p', null, kind === 'error' ? h('strong', null, '⚠ ') : null, text),
    ...more,
  );
}

/** A line of a check list: the word Verified or Failed as well as the mark, never colour alone. */
export function checkLine(label: string, ok: boolean, detail?: string): HTMLElement {
  return h(
    'li',
    { class: ok ? 'check ok' : 'check failed' },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, ok ? '✓' : '✗'),
    h(
      'span',
      null,
      h('strong', null, `${t(ok ? 'ok' : 'failed')}: `),
      label,
      detail ? h('small', null, ` (${detail})`) : null,
    ),
  );
}

/**
 * The election fingerprint computed in this browser from the board it checked (docs/SPEC.md §7.4),
 * to compare with the one on the letter and on the CEC's website. Null while there is none.
 */
export function fingerprintBlock(fingerprint: Uint8Array | null): HTMLElement | null {
  if (fingerprint === null) return null;
  return h(
    'div',
    { class: 'fingerprint' },
    h('p', { class: 'label', id: 'fingerprint-label' }, t('fingerprintLabel')),
    h(
      'p',
      { class: 'code', id: 'fingerprint', 'aria-labelledby': 'fingerprint-label' },
      formatFingerprint(fingerprint),
    ),
    h('p', { class: 'hint' }, t('fingerprintCompare')),
  );
}

/** The field where a tracking code is typed or pasted (/check, /board), with its hint. */
export function trackingCodeField(id: string, value: string, onInput: (value: string) => void): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, t('checkCodeLabel')),
    h('p', { class: 'hint', id: `${id}-hint` }, t('checkCodeHint')),
    h('input', {
      id,
      type: 'text',
      value,
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: 'false',
      class: 'wide code-input',
      'aria-describedby': `${id}-hint`,
      oninput: (event: Event) => onInput(fieldValue(event)),
    }),
  );
}
