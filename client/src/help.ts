// Where a voter gets help: the manifest's help contacts (docs/SPEC.md §7.1) for the country of
// residence the voter picks and the page's language. They come from the manifest the booth checked
// against the board, so a server cannot show a voter another telephone number unnoticed. The
// country is remembered on the device (it is not secret); before the voter picks one, a region in
// the browser's languages that the contacts serve is taken as a first guess.
import type { HelpContact, Manifest } from '@evotare/crypto/manifest';
import { type Child, h } from './dom.ts';
import { type Language, language, local, t } from './i18n.ts';

const COUNTRY_KEY = 'evotare/v1/country';

/** §7.1: the contacts for `country` (first) and for everyone, that answer in `lang`, in order. */
export function helpContacts(contacts: readonly HelpContact[], country: string | null, lang: Language): HelpContact[] {
  const speaks = (c: HelpContact) => c.languages === undefined || c.languages.includes(lang);
  const forCountry = country === null ? [] : contacts.filter((c) => c.countries?.includes(country) && speaks(c));
  return [...forCountry, ...contacts.filter((c) => c.countries === undefined && speaks(c))];
}

/** The countries the contacts name, sorted by their name in `lang`. */
export function helpCountries(contacts: readonly HelpContact[], lang: Language): { code: string; name: string }[] {
  const codes = [...new Set(contacts.flatMap((c) => c.countries ?? []))];
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  return codes
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

function storedCountry(): string | null {
  try {
    return globalThis.localStorage?.getItem(COUNTRY_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The country picked on this device, else a first guess from the browser's languages. */
export function chosenCountry(contacts: readonly HelpContact[]): string | null {
  const served = new Set(contacts.flatMap((c) => c.countries ?? []));
  const stored = storedCountry();
  if (stored !== null && served.has(stored)) return stored;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const region = /-([A-Z]{2})$/i.exec(tag)?.[1]?.toUpperCase();
    if (region && served.has(region)) return region;
  }
  return null;
}

function rememberCountry(country: string): void {
  try {
    globalThis.localStorage?.setItem(COUNTRY_KEY, country);
  } catch {
    // Not kept: the voter picks again next time.
  }
}

let sequence = 0;

/**
 * The help box: a heading, the country picker (when contacts name countries) and the contacts.
 * `onChange` re-draws the screen after the voter picks a country. Null without contacts.
 */
export function helpBlock(manifest: Manifest | null | undefined, onChange: () => void): HTMLElement | null {
  const contacts = manifest?.help ?? [];
  if (contacts.length === 0) return null;
  const id = `help-${++sequence}`;
  const country = chosenCountry(contacts);
  const countries = helpCountries(contacts, language());
  const shown = helpContacts(contacts, country, language());
  const picker: Child =
    countries.length === 0
      ? null
      : h(
          'p',
          { class: 'help-country' },
          h('label', { for: `${id}-country` }, t('helpCountry')),
          ' ',
          h(
            'select',
            {
              id: `${id}-country`,
              onchange: (event: Event) => {
                rememberCountry((event.target as HTMLSelectElement).value);
                onChange();
              },
            },
            h('option', { value: '', selected: country === null }, t('helpCountryOther')),
            countries.map((c) => h('option', { value: c.code, selected: c.code === country }, c.name)),
          ),
        );
  return h(
    'section',
    { class: 'help', 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, t('helpHeading')),
    picker,
    h(
      'ul',
      { class: 'contacts' },
      shown.map((c) =>
        h(
          'li',
          null,
          h('strong', null, local(c.name)),
          c.phone
            ? h('span', null, `${t('helpPhone')}: `, h('a', { href: `tel:${c.phone.replace(/ /g, '')}` }, c.phone))
            : null,
          c.email ? h('span', null, `${t('helpEmail')}: `, h('a', { href: `mailto:${c.email}` }, c.email)) : null,
          c.web ? h('span', null, `${t('helpWeb')}: `, h('a', { href: c.web }, c.web)) : null,
          c.address ? h('span', null, `${t('helpAddress')}: ${local(c.address)}`) : null,
          c.hours ? h('span', null, `${t('helpHours')}: ${local(c.hours)}`) : null,
        ),
      ),
    ),
  );
}
