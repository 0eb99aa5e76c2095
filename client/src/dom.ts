// A few helpers to build the DOM without a framework: elements from a tag, attributes and
// children (text is always a text node, never parsed as HTML), screens that replace the page's
// <main> and move the focus to their heading, so a screen reader announces each step.

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Whether the voter has done anything yet (until then, a new screen is the page loading). */
let interacted = false;
if (typeof document !== 'undefined') {
  const mark = () => {
    interacted = true;
  };
  document.addEventListener('pointerdown', mark, { capture: true, once: true });
  document.addEventListener('keydown', mark, { capture: true, once: true });
}

/**
 * Shows a screen: replaces the content of <main>. Once the voter has acted, the focus moves to the
 * screen's heading (or `focus`, e.g. an error summary) so that keyboard and screen-reader users
 * start at the top of the new step; while the page is still loading it stays where it is.
 */
export function showScreen(children: readonly Child[], focus?: HTMLElement | null): void {
  const main = document.getElementById('main')!;
  main.replaceChildren();
  append(main, children);
  main.setAttribute('aria-busy', 'false');
  const target = focus ?? main.querySelector<HTMLElement>('h1, h2');
  if (target && interacted) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
}

/** Re-renders the current screen without moving the focus (e.g. after a language switch). */
export function refreshScreen(children: readonly Child[]): void {
  const main = document.getElementById('main')!;
  const active = document.activeElement;
  const wasInside = active !== null && main.contains(active);
  const activeId = wasInside ? active.id : '';
  main.replaceChildren();
  append(main, children);
  main.setAttribute('aria-busy', 'false');
  if (!wasInside) return;
  // The focused control again, or, when it is gone (or had no id), the step's heading: never <body>.
  const again = activeId ? document.getElementById(activeId) : null;
  if (again) again.focus();
  else main.querySelector<HTMLElement>('h1[tabindex]')?.focus();
}

/** Offers `text` as a file to save. */
export function download(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A text field's current value (for forms re-rendered from state). */
export function fieldValue(event: Event): string {
  return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
}

/**
 * Says `text` through a live region outside <main> (created once), so that a screen reader
 * announces a result even when the screen around it is redrawn.
 */
export function announce(text: string): void {
  let region = document.getElementById('announcer');
  if (region === null) {
    region = h('div', { id: 'announcer', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  // A change of text is what is announced: clear first, so that the same words are said again.
  region.textContent = '';
  const target = region;
  setTimeout(() => {
    target.textContent = text;
  }, 50);
}
