// Every check the verifier reports has its title in Romanian and Russian, and only those checks.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue.ts';
import { catalogueProblems } from '../i18n.ts';
import { CHECK_TITLES, checkTitle } from './check-titles.ts';

describe('the checks’ titles in Romanian and Russian', () => {
  it('cover table T15, V07.01 and V13.10, and nothing else', () => {
    expect(Object.keys(CHECK_TITLES).sort()).toEqual([...CATALOGUE.map(([id]) => id), 'V07.01', 'V13.10'].sort());
  });

  it('are translations, with no Latin words left in Russian', () => {
    const english = new Map(CATALOGUE.map(([id, title]) => [id, title]));
    const asCatalogue = Object.fromEntries(
      Object.entries(CHECK_TITLES).map(([id, t]) => [id, { ...t, en: english.get(id) ?? id }]),
    );
    expect(catalogueProblems(asCatalogue)).toEqual([]);
    expect(checkTitle('V12.05', 'every entry links to the one before', 'ro')).toBe(
      'fiecare intrare se leagă de cea dinainte',
    );
    expect(checkTitle('V12.05', 'every entry links to the one before', 'en')).toBe(
      'every entry links to the one before',
    );
  });
});
