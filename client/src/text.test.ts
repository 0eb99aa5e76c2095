import { describe, expect, it, vi } from 'vitest';
import { LANGUAGES, type Localized, translate } from './i18n.ts';
import { TEXT, textColumn } from './text.ts';
import { addAllTexts } from './text-all.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the booth’s texts', () => {
  it('exist in Romanian, English and Russian, none empty, each with the same placeholders', () => {
    for (const [key, text] of Object.entries(TEXT)) {
      for (const l of LANGUAGES) expect(text[l].trim(), `${key}.${l}`).not.toBe('');
      expect(placeholders(text.en), key).toEqual(placeholders(text.ro));
      expect(placeholders(text.ru), key).toEqual(placeholders(text.ro));
    }
  });
  it('are not left in English in the other languages', () => {
    const texts: Record<string, Localized> = TEXT;
    const same = Object.keys(texts).filter((k) => texts[k]!.ro === texts[k]!.en && /[a-z]{4}/.test(texts[k]!.en));
    expect(same).toEqual([]);
  });
  it('are added one language at a time (the browser downloads only the one it shows)', async () => {
    vi.resetModules();
    const fresh = await import('./i18n.ts');
    expect(fresh.hasTexts('ru')).toBe(false);
    expect(() => fresh.translate('ru', 'brand')).toThrow(/not loaded/);
    fresh.addTexts('ru', textColumn('ru'));
    expect(fresh.translate('ru', 'brand')).toBe(TEXT.brand.ru);
    expect(fresh.hasTexts('en')).toBe(false);
    expect(Object.keys(textColumn('en'))).toEqual(Object.keys(TEXT));
    expect(Object.values(textColumn('ro'))).toEqual(Object.values(TEXT).map((text) => text.ro));
  });
  it('fill their placeholders and leave unknown ones visible', () => {
    addAllTexts();
    expect(translate('ro', 'ballotMissing', { contest: 'Referendum' })).toBe('Alegeți o opțiune la „Referendum”.');
    expect(translate('ru', 'ballotMissing', { contest: 'Референдум' })).toBe(
      'Выберите вариант в вопросе «Референдум».',
    );
    expect(translate('en', 'ballotMissing')).toBe('Choose an option for “{contest}”.');
  });
  it('have a name for every state a voter can see an election in', () => {
    for (const state of ['key-ceremony', 'open', 'closed', 'mixing', 'decrypting', 'tallied']) {
      expect(Object.keys(TEXT)).toContain(`state.${state}`);
    }
  });
});
