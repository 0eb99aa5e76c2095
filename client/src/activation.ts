// What the voter types to activate (docs/SPEC.md §13.1, §13.3), checked before anything is sent:
// a mistyped IDNP or code is caught here instead of costing one of the five tries the server
// allows before it locks the code.
import type { TextKey } from './text.ts';

const IDNP_WEIGHTS = [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

/** §13.1: 13 digits, the last the sum of the first twelve weighted 7, 3, 1, … modulo 10. */
export function isValidIdnp(idnp: string): boolean {
  if (!/^\d{13}$/.test(idnp)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(idnp[i]) * IDNP_WEIGHTS[i]!;
  return sum % 10 === Number(idnp[12]);
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * §13.3 how a typed code is read: upper case, spaces and dashes removed, O as 0, I and L as 1.
 * Null unless the result is 20 characters of Crockford's base32 alphabet.
 */
export function normalizeActivationCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 20) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** A date of birth from day, month and year fields as `YYYY-MM-DD`, or null if it is no real date. */
export function birthDate(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return null;
  if (Number(y) < 1900) return null;
  return iso;
}

export interface ActivationFields {
  readonly idnp: string;
  readonly day: string;
  readonly month: string;
  readonly year: string;
  readonly code: string;
}

export type ActivationField = 'idnp' | 'day' | 'code';

export interface FieldError {
  /** The field to focus (the date's first field for the date). */
  readonly field: ActivationField;
  readonly message: TextKey;
}

export type ActivationClaim = { readonly idnp: string; readonly birthDate: string; readonly code: string };

/** The request's claim, or the errors to show next to the fields, in the form's order. */
export function readActivationForm(
  f: ActivationFields,
): { ok: true; claim: ActivationClaim } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const idnp = f.idnp.replace(/\s/g, '');
  if (!/^\d{13}$/.test(idnp)) errors.push({ field: 'idnp', message: 'actErrIdnpFormat' });
  else if (!isValidIdnp(idnp)) errors.push({ field: 'idnp', message: 'actErrIdnpCheck' });
  const date = birthDate(f.day, f.month, f.year);
  if (date === null) errors.push({ field: 'day', message: 'actErrDate' });
  const code = normalizeActivationCode(f.code);
  if (code === null) errors.push({ field: 'code', message: 'actErrCode' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, claim: { idnp, birthDate: date!, code: code! } };
}
