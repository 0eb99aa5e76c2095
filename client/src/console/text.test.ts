import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n.ts';
import { NEXT_STEPS } from './steps.ts';
import { CONSOLE_TEXT, ct } from './text.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the console’s texts', () => {
  it('exist in Romanian, English and Russian, none empty, each with the same placeholders', () => {
    for (const [key, text] of Object.entries(CONSOLE_TEXT)) {
      for (const l of LANGUAGES) expect(text[l].trim(), `${key}.${l}`).not.toBe('');
      expect(placeholders(text.en), key).toEqual(placeholders(text.ro));
      expect(placeholders(text.ru), key).toEqual(placeholders(text.ro));
    }
  });

  it('name every stage, ceremony phase, next step, role and action the console can show', () => {
    const keys = Object.keys(CONSOLE_TEXT);
    const needed = [
      ...['draft', 'key-ceremony', 'open', 'closed', 'mixing', 'decrypting', 'tallied'].map((s) => `state_${s}`),
      ...['dealing', 'complaints', 'resolution', 'done'].map((p) => `phase_${p}`),
      ...NEXT_STEPS.map((n) => `next_${n}`),
      ...['administrator', 'roll-clerk', 'observer'].map((r) => `role_${r}`),
      ...['start-ceremony', 'close-phase', 'open-voting', 'close-voting', 'end-mixing', 'publish-result'].flatMap(
        (a) => [`action_${a}`, `confirm_${a}`],
      ),
    ];
    expect(needed.filter((k) => !keys.includes(k))).toEqual([]);
    expect(ct('smallCell', { n: 10 }, 'ro')).toBe('<10');
  });
});
