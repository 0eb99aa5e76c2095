// The booth's texts in every language at once: the server renders its pages with them
// (../serve/shell.ts), and tests use them. The browser adds only the languages it shows (./parts.ts).
import { addTexts, LANGUAGES } from './i18n.ts';
import { textColumn } from './text.ts';

export function addAllTexts(): void {
  for (const language of LANGUAGES) addTexts(language, textColumn(language));
}
