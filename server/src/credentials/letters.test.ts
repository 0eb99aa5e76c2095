import { describe, expect, it } from 'vitest';
import { activationUrl, renderLettersPdf, scheduleLines } from './letters.ts';

describe('activation letters', () => {
  it("print the voting window in Moldova's time (EET in winter, EEST in summer) and the help line", () => {
    const winter = scheduleLines({
      votingWindow: { opens: '2026-12-20T05:00:00Z', closes: '2026-12-20T19:00:00Z' },
      helpline: '+373 22 000 000',
    });
    expect(winter.ro).toMatch(
      /^Votarea prin internet: de la 20 decembrie 2026.* 07:00 .*până la .*21:00 .*Asistență: \+373 22 000 000$/,
    );
    expect(winter.en).toMatch(/from 20 December 2026.*07:00.*to 20 December 2026.*21:00.*Help: \+373 22 000 000$/);
    expect(winter.ru).toMatch(
      /^Голосование через интернет: с 20 декабря 2026.*07:00.*до.*21:00.*Помощь: \+373 22 000 000$/,
    );
    const summer = scheduleLines({
      votingWindow: { opens: '2026-07-05T04:00:00Z', closes: '2026-07-05T18:00:00Z' },
      helpline: 'ajutor@cec.md',
    });
    expect(summer.en).toMatch(/07:00.*21:00/);
  });

  it('open the booth with the code in the fragment, which browsers never send', () => {
    expect(activationUrl('https://vot.cec.md/', 'md 2026', 'ABCDE-FGHJK-MNPQR-STVWX')).toBe(
      'https://vot.cec.md/#/activate/md%202026?code=ABCDE-FGHJK-MNPQR-STVWX',
    );
  });

  it('are one A4 page a voter, with the font embedded', async () => {
    const code = {
      idnp: '2000000000001',
      name: 'Ștefan Țurcanu',
      country: 'IT',
      address: 'Via Roma 1\nRoma',
      code: 'ABCDE-FGHJK-MNPQR-STVWX',
    };
    const pdf = Buffer.from(
      await renderLettersPdf([code, { ...code, address: null }, code], {
        election: { id: 'x', title: { ro: 'Alegeri', en: 'Election', ru: 'Выборы' } },
        boothUrl: 'https://vot.cec.md',
        fingerprint: 'ABCD-EFGH-JKMN-PQRS-TVWX',
        fingerprintPage: 'https://cec.md',
        votingWindow: { opens: '2026-12-20T05:00:00Z', closes: '2026-12-20T19:00:00Z' },
        helpline: '+373 22 000 000',
        returnAddress: 'CEC, Chișinău',
      }),
    ).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(3);
    expect(pdf).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf).toMatch(/\/FontFile2/);
  });
});
