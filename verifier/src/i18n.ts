// The languages of user-facing text — Romanian (the default), English, Russian — and the machinery
// of a program's message catalogue: each program (the officials' CLI, the trustee's, the mix
// node's) keeps its own catalogue of texts, every one in the three languages, and gets from
// `localizer` a `text` function whose arguments its texts' `{name}` placeholders decide, so a
// missing translation or a missing value is a type error (`catalogueProblems` checks the rest).
export const LANGUAGES = ['ro', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Localized = Readonly<Record<Language, string>>;

export function isLanguage(x: string): x is Language {
  return (LANGUAGES as readonly string[]).includes(x);
}

/** The names of the `{name}` placeholders of a text. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** A value put into a text: a number, a string the same in every language, or a text of its own. */
export type TextValue = string | number | Localized;

/** A catalogue of texts, each in every language. */
export type Catalogue = Readonly<Record<string, Localized>>;

/** The values text `K` of catalogue `C` needs: none, or one for each of its placeholders. */
export type TextValues<C extends Catalogue, K extends keyof C> = [Placeholders<C[K]['en']>] extends [never]
  ? []
  : [values: Record<Placeholders<C[K]['en']>, TextValue>];

function fill(language: Language, template: string, values: Readonly<Record<string, TextValue>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[language] : String(value);
  });
}

export interface Localizer<C extends Catalogue> {
  /** The text `key` in every language, its placeholders filled (a Localized value in each one's language). */
  text<K extends keyof C & string>(key: K, ...values: TextValues<C, K>): Localized;
  /** The text `key` in one language. */
  translate<K extends keyof C & string>(language: Language, key: K, ...values: TextValues<C, K>): string;
}

export function localizer<C extends Catalogue>(catalogue: C): Localizer<C> {
  const text = <K extends keyof C & string>(key: K, ...values: TextValues<C, K>): Localized => {
    const template: Localized = catalogue[key]!;
    const v: Readonly<Record<string, TextValue>> = values[0] ?? {};
    return { ro: fill('ro', template.ro, v), en: fill('en', template.en, v), ru: fill('ru', template.ru, v) };
  };
  return { text, translate: (language, key, ...values) => text(key, ...values)[language] };
}

/** A string that is the same in every language (a name, a number, a reason worded by the crypto checks). */
export function verbatim(s: string): Localized {
  return { ro: s, en: s, ru: s };
}

/**
 * A failure the operator can act on, said in every language: the program prints it in the chosen
 * one and exits non-zero, without a stack trace. Its `message` is the English text (logs, tests).
 */
export class LocalizedError extends Error {
  readonly text: Localized;
  constructor(text: Localized) {
    super(text.en);
    this.name = 'LocalizedError';
    this.text = text;
  }
}

/** What an error says, in every language: its own text if it has one, else its message as it is. */
export function textOf(error: unknown): Localized {
  if (error instanceof LocalizedError) return error.text;
  return verbatim(error instanceof Error ? error.message : String(error));
}

/** The language of a program's messages: `--lang`, else EVOTARE_LANG, else Romanian. */
export function cliLanguage(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (option !== undefined && isLanguage(option)) return option;
  const fromEnv = env.EVOTARE_LANG;
  return fromEnv !== undefined && isLanguage(fromEnv) ? fromEnv : 'ro';
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * What is wrong with a catalogue, as "key: problem" lines (none when it is complete): an empty
 * text, a language whose placeholders are not those of the others, a text left in English in
 * Romanian or Russian, Latin words in Russian. Left as they are: placeholders, commands and
 * options, board entry types, check numbers.
 */
export function catalogueProblems(catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const words = (s: string) =>
    s.replace(/\{\w+\}|`[^`]*`|\(evotare[a-z -]+\)|--[a-z-]+|\b[a-z]+(-[a-z]+)+\b|V\d\d\.\d\d|[A-Z_]{4,}/g, '');
  for (const [key, t] of Object.entries(catalogue)) {
    for (const l of LANGUAGES) if (t[l].trim() === '') problems.push(`${key}: empty in ${l}`);
    for (const l of ['en', 'ru'] as const) {
      if (placeholders(t[l]).join() !== placeholders(t.ro).join()) problems.push(`${key}: placeholders of ${l}`);
    }
    if (/[a-z]{4}/.test(words(t.en)) && (t.ro === t.en || t.ru === t.en)) problems.push(`${key}: left in English`);
    if (/\b[a-z]{4,}\b/.test(words(t.ru))) problems.push(`${key}: Latin words in Russian`);
  }
  return problems;
}
