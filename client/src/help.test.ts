// The help contacts a voter sees (docs/SPEC.md §7.1): those for her country first, then those for
// everyone, each only if it answers in the page's language, in the manifest's order.
import type { HelpContact } from '@evotare/crypto/manifest';
import { describe, expect, it } from 'vitest';
import { helpContacts, helpCountries } from './help.ts';

const name = (s: string) => ({ ro: s, en: s, ru: s });
const cec: HelpContact = { name: name('cec'), phone: '+373 22 000 000' };
const cecRu: HelpContact = { name: name('cec-ru'), phone: '+373 22 000 001', languages: ['ru'] };
const rome: HelpContact = { name: name('rome'), countries: ['IT'], phone: '+39 06 0000 0000' };
const berlin: HelpContact = { name: name('berlin'), countries: ['DE', 'AT'], phone: '+49 30 0000 0000' };
const all = [cec, cecRu, rome, berlin];
const names = (cs: HelpContact[]) => cs.map((c) => c.name.en);

describe('help contacts', () => {
  it('puts the country’s contacts first, then everyone’s, in the page’s language', () => {
    expect(names(helpContacts(all, 'IT', 'ro'))).toEqual(['rome', 'cec']);
    expect(names(helpContacts(all, 'AT', 'ru'))).toEqual(['berlin', 'cec', 'cec-ru']);
    expect(names(helpContacts(all, null, 'en'))).toEqual(['cec']);
    expect(names(helpContacts(all, 'FR', 'en'))).toEqual(['cec']);
  });

  it('lists the countries the contacts serve by their names in the language', () => {
    expect(helpCountries(all, 'en').map((c) => c.code)).toEqual(['AT', 'DE', 'IT']);
    expect(helpCountries(all, 'ro').find((c) => c.code === 'DE')?.name).toBe('Germania');
  });
});
