import { describe, expect, it } from 'vitest';
import { birthDate, isValidIdnp, normalizeActivationCode, readActivationForm } from './activation.ts';

describe('IDNP (SPEC §13.1: weights 7, 3, 1, … modulo 10)', () => {
  it('accepts IDNPs whose last digit is the control digit', () => {
    // The first voters of the sample roll (server/src/sample.ts).
    expect(isValidIdnp('2000000010005')).toBe(true);
    expect(isValidIdnp('2000000010016')).toBe(true);
  });
  it('refuses a wrong control digit, other lengths and non-digits', () => {
    expect(isValidIdnp('2000000010006')).toBe(false);
    expect(isValidIdnp('200000001000')).toBe(false);
    expect(isValidIdnp('20000000100055')).toBe(false);
    expect(isValidIdnp('200000001000a')).toBe(false);
  });
});

describe('activation codes as typed (SPEC §13.3)', () => {
  it('reads upper case, without spaces and dashes, O as 0 and I, L as 1', () => {
    expect(normalizeActivationCode('n0v90-njdwg-h22ge-r4rd2')).toBe('N0V90NJDWGH22GER4RD2');
    expect(normalizeActivationCode(' N0V90 NJDWG\tH22GE-R4RD2 ')).toBe('N0V90NJDWGH22GER4RD2');
    expect(normalizeActivationCode('NOV9O-NJDWG-H22GE-R4RD2')).toBe('N0V90NJDWGH22GER4RD2');
    expect(normalizeActivationCode('IL000-00000-00000-00000')).toBe('11000000000000000000');
  });
  it('refuses a code of another length or with letters outside the alphabet (U)', () => {
    expect(normalizeActivationCode('N0V90-NJDWG-H22GE-R4RD')).toBeNull();
    expect(normalizeActivationCode('N0V90-NJDWG-H22GE-R4RD22')).toBeNull();
    expect(normalizeActivationCode('U0V90-NJDWG-H22GE-R4RD2')).toBeNull();
    expect(normalizeActivationCode('')).toBeNull();
  });
});

describe('date of birth from day, month, year', () => {
  it('gives YYYY-MM-DD for a real date, with or without leading zeros', () => {
    expect(birthDate('10', '1', '1960')).toBe('1960-01-10');
    expect(birthDate(' 7 ', '09', '1985')).toBe('1985-09-07');
    expect(birthDate('29', '2', '2000')).toBe('2000-02-29');
  });
  it('refuses dates that do not exist and malformed fields', () => {
    expect(birthDate('29', '2', '1999')).toBeNull();
    expect(birthDate('31', '4', '1980')).toBeNull();
    expect(birthDate('0', '1', '1980')).toBeNull();
    expect(birthDate('1', '13', '1980')).toBeNull();
    expect(birthDate('1', '1', '80')).toBeNull();
    expect(birthDate('1', '1', '1850')).toBeNull();
    expect(birthDate('', '', '')).toBeNull();
  });
});

describe('the activation form', () => {
  it('gives the claim the server expects', () => {
    const r = readActivationForm({
      idnp: '2000000010005 ',
      day: '10',
      month: '1',
      year: '1960',
      code: 'n0v90-njdwg-h22ge-r4rd2',
    });
    expect(r).toEqual({
      ok: true,
      claim: { idnp: '2000000010005', birthDate: '1960-01-10', code: 'N0V90NJDWGH22GER4RD2' },
    });
  });
  it('lists every error, in the order of the fields, before anything is sent', () => {
    const r = readActivationForm({ idnp: '2000000010006', day: '31', month: '2', year: '1990', code: 'ABC' });
    expect(r).toEqual({
      ok: false,
      errors: [
        { field: 'idnp', message: 'actErrIdnpCheck' },
        { field: 'day', message: 'actErrDate' },
        { field: 'code', message: 'actErrCode' },
      ],
    });
    const short = readActivationForm({ idnp: '123', day: '1', month: '1', year: '1990', code: 'N0V90NJDWGH22GER4RD2' });
    expect(short).toEqual({ ok: false, errors: [{ field: 'idnp', message: 'actErrIdnpFormat' }] });
  });
});
