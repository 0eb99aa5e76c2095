import { describe, expect, it } from 'vitest';
import { codeFromFragment, letterTarget } from './letter.ts';

describe('the letters’ QR code', () => {
  it('opens the booth of the election with the code, still in the fragment', () => {
    expect(letterTarget('#/activate/demo-2024-10-20?code=N0V90-NJDWG-H22GE-R4RD2')).toBe(
      '/vote/demo-2024-10-20#code=N0V90-NJDWG-H22GE-R4RD2',
    );
    expect(letterTarget('#/activate/demo-2024-10-20')).toBe('/vote/demo-2024-10-20');
    expect(codeFromFragment('#code=N0V90-NJDWG-H22GE-R4RD2')).toBe('N0V90-NJDWG-H22GE-R4RD2');
  });
  it('ignores any other fragment', () => {
    expect(letterTarget('')).toBeNull();
    expect(letterTarget('#/activate/../../admin')).toBeNull();
    expect(letterTarget('#/activate/x?code=<script>')).toBeNull();
    expect(codeFromFragment('#main')).toBeNull();
    expect(codeFromFragment('#code=%E0%A4%A')).toBeNull();
  });
});
