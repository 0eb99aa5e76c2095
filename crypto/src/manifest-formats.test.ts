// The formats of the manifest's identifiers, labels and names (docs/SPEC.md §7.1): identifiers are
// whole strings of the regular expression, text lengths count Unicode code points, lone surrogates
// are refused.
import { describe, expect, it } from 'vitest';
import { testDefinition } from './dkg/_fixtures.ts';
import { ElectionDefinitionSchema } from './manifest.ts';

const definition = {
  ...testDefinition,
  trustees: { threshold: 1, members: [{ name: 'Trustee 1' }] },
  mixNodes: [{ name: 'Mix 1' }, { name: 'Mix 2' }],
};

function withOption(id: string, label: string) {
  const [president, ...rest] = definition.contests;
  const option = { id, label: { ro: label, en: 'x', ru: 'x' } };
  return { ...definition, contests: [{ ...president!, options: [...president!.options, option] }, ...rest] };
}

const valid = (d: unknown) => ElectionDefinitionSchema.safeParse(d).success;

describe('§7.1 identifiers', () => {
  it('accepts 1 to 63 lower-case letters, digits and "-", not starting with "-"', () => {
    expect(valid(withOption('a', 'A'))).toBe(true);
    expect(valid(withOption(`x${'-'.repeat(62)}`, 'A'))).toBe(true);
    expect(valid(withOption('0-candidate', 'A'))).toBe(true);
  });

  it('refuses an empty id, 64 characters, upper case, a leading "-", a trailing line feed', () => {
    for (const id of ['', 'x'.repeat(64), 'Ana', '-ana', 'ana\n', 'ana ', 'ană']) {
      expect(valid(withOption(id, 'A')), JSON.stringify(id)).toBe(false);
    }
  });
});

describe('§7.1 localized text', () => {
  it('counts code points: 500 characters, inside the BMP or outside it (two UTF-16 units each)', () => {
    expect(valid(withOption('x', 'ș'.repeat(500)))).toBe(true);
    expect(valid(withOption('x', 'ș'.repeat(501)))).toBe(false);
    expect('🗳'.length).toBe(2);
    expect(valid(withOption('x', '🗳'.repeat(500)))).toBe(true);
    expect(valid(withOption('x', '🗳'.repeat(501)))).toBe(false);
  });

  it('refuses an empty label and a lone surrogate', () => {
    expect(valid(withOption('x', ''))).toBe(false);
    expect(valid(withOption('x', 'a\uD800b'))).toBe(false);
  });

  it('refuses a name with a lone surrogate', () => {
    expect(valid({ ...definition, mixNodes: [{ name: '\uDC00' }, { name: 'Mix 2' }] })).toBe(false);
  });
});

describe('§7.1 help contacts (optional)', () => {
  const name = { ro: 'CEC', en: 'CEC', ru: 'ЦИК' };
  const withHelp = (help: unknown) => ({ ...definition, help });

  it('leaves a manifest without help as it was, and accepts contacts by country and language', () => {
    expect(valid(definition)).toBe(true);
    expect(
      valid(
        withHelp([
          { name, countries: ['IT', 'SM'], languages: ['ro', 'ru'], phone: '+39 06 1234 5678', hours: name },
          { name, email: 'vot@cec.md', web: 'https://a.cec.md/ajutor', address: name },
        ]),
      ),
    ).toBe(true);
  });

  it('refuses a contact with no way to reach it, a bad phone, e-mail, address or country, or other members', () => {
    expect(valid(withHelp([]))).toBe(false);
    expect(valid(withHelp([{ name, hours: name }]))).toBe(false);
    expect(valid(withHelp([{ name, phone: '06 1234 5678' }]))).toBe(false);
    expect(valid(withHelp([{ name, email: 'no at sign' }]))).toBe(false);
    expect(valid(withHelp([{ name, web: 'http://a.cec.md' }]))).toBe(false);
    expect(valid(withHelp([{ name, phone: '+373 22 000 000', countries: ['it'] }]))).toBe(false);
    expect(valid(withHelp([{ name, phone: '+373 22 000 000', languages: ['fr'] }]))).toBe(false);
    expect(valid(withHelp([{ name, phone: '+373 22 000 000', fax: '+373 22 000 001' }]))).toBe(false);
  });
});
