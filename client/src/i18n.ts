// The booth's languages: Romanian (the default), English and Russian. The page's <html lang> says
// which one the server rendered (from ?lang= or the remembered choice, ../serve/shell.ts); a
// switch changes it in place, remembers it in a cookie and re-renders the current screen.
//
// The texts of a language (./text.ts, one column of it) are added before they are used: in the
// browser the page's language when the page starts and another one when the voter switches to it
// (./parts.ts, loadTexts), so that a voter downloads only the language she reads; on the server
// and in tests all three at once (./text-all.ts).
import type { TextKey } from './text.ts';

export const LANGUAGES = ['ro', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Localized = Readonly<Record<Language, string>>;

/** The cookie that remembers the voter's choice (read by the server when it renders a page). */
export const LANGUAGE_COOKIE = 'evotare-lang';

/** Locales for numbers and dates. */
export const LOCALE: Record<Language, string> = { ro: 'ro-MD', en: 'en-GB', ru: 'ru-RU' };

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);
}

/** Every text of the booth in one language. */
export type TextTable = Readonly<Record<TextKey, string>>;

const tables = new Map<Language, TextTable>();

/** Makes the texts of `language` available to translate and t. */
export function addTexts(language: Language, table: TextTable): void {
  tables.set(language, table);
}

export function hasTexts(language: Language): boolean {
  return tables.has(language);
}

/** A text in `language`, with `{name}` placeholders filled from `values`. */
export function translate(language: Language, key: TextKey, values: Record<string, string | number> = {}): string {
  const table = tables.get(language);
  if (table === undefined) throw new Error(`the booth's texts in ${language} are not loaded`);
  return table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

let current: Language = 'ro';
const listeners: Array<() => void> = [];

export function language(): Language {
  return current;
}

/** The text `key` in the current language. */
export function t(key: TextKey, values?: Record<string, string | number>): string {
  return translate(current, key, values);
}

/** Localized text of the manifest (titles, labels) in the current language. */
export function local(text: Localized): string {
  return text[current];
}

/** Starts with the language the server rendered the page in. */
export function initLanguage(doc: Document): void {
  const lang = doc.documentElement.lang;
  current = isLanguage(lang) ? lang : 'ro';
}

/**
 * Switches the language (its texts added already): remembered for a year, the page's lang attribute
 * and every listener updated.
 */
export function setLanguage(doc: Document, next: Language): void {
  current = next;
  doc.documentElement.lang = next;
  doc.cookie = `${LANGUAGE_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[current], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** A calendar date `YYYY-MM-DD` (a date of birth) in words: 27 martie 1958. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[current], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The month names of the current language, January first. */
export function monthNames(): string[] {
  const format = new Intl.DateTimeFormat(LOCALE[current], { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2000, m, 1))));
}

export function formatNumber(n: number): string {
  return n.toLocaleString(LOCALE[current]);
}
