// The languages of user-facing text: Romanian (the default), English, Russian.
export const LANGUAGES = ['ro', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Localized = Readonly<Record<Language, string>>;

export function isLanguage(x: string): x is Language {
  return (LANGUAGES as readonly string[]).includes(x);
}
