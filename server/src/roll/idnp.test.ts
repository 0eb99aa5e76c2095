import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idnpControlDigit, isValidIdnp } from './idnp.ts';

describe('IDNP control digit', () => {
  it('accepts numbers whose 13th digit is the weighted sum (7, 3, 1) of the others mod 10', () => {
    // 2 0 0 4 0 0 0 1 2 3 4 5: 14+0+0+28+0+0+0+3+2+21+12+5 = 85 → 5
    expect(idnpControlDigit('200400012345')).toBe(5);
    expect(isValidIdnp('2004000123455')).toBe(true);
    expect(isValidIdnp('2004000123454')).toBe(false);
  });

  it('rejects anything but 13 digits', () => {
    for (const bad of ['', '200400012345', '20040001234555', '200400012345a', ' 2004000123455', '２００４000123455']) {
      expect(isValidIdnp(bad)).toBe(false);
    }
  });

  it('catches every single-digit error (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          const idnp = body + idnpControlDigit(body);
          const changed = body.slice(0, at) + ((Number(body[at]) + delta) % 10) + body.slice(at + 1);
          return isValidIdnp(idnp) && !isValidIdnp(changed + idnp[12]);
        },
      ),
    );
  });
});
