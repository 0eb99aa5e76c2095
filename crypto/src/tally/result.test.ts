// §14.5 the result: choices encoded two bytes per contest, counted per option, blank and invalid;
// the CEC's signed entry verifies, and changing any one field of it (or its attachment) fails the
// check named for that field.
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../bytes.ts';
import { type Manifest, manifestHash } from '../manifest.ts';
import { generateSigningKey, sign } from '../signature.ts';
import type { DecodedChoice } from '../threshold/decode.ts';
import {
  countChoices,
  type ExpectedResult,
  encodeChoices,
  makeResult,
  NO_CHOICE,
  resultMessage,
  verifyResult,
} from './result.ts';

const manifest = {
  version: 1,
  electionId: 'md-test',
  title: { ro: 'Test', en: 'Test', ru: 'Тест' },
  votingWindow: { opens: '2024-10-20T05:00:00Z', closes: '2024-10-20T19:00:00Z' },
  mixingPeriod: 3600,
  contests: [
    {
      id: 'president',
      title: { ro: 'P', en: 'P', ru: 'P' },
      allowBlank: true,
      options: [
        { id: 'ana', label: { ro: 'Ana', en: 'Ana', ru: 'Ана' } },
        { id: 'ion', label: { ro: 'Ion', en: 'Ion', ru: 'Ион' } },
      ],
    },
    {
      id: 'referendum',
      title: { ro: 'R', en: 'R', ru: 'R' },
      allowBlank: false,
      options: [
        { id: 'yes', label: { ro: 'Da', en: 'Yes', ru: 'Да' } },
        { id: 'no', label: { ro: 'Nu', en: 'No', ru: 'Нет' } },
      ],
    },
  ],
} as unknown as Manifest;
const h = manifestHash({ ...manifest });

const option = (optionId: string): DecodedChoice => ({ kind: 'option', optionId });
const BLANK: DecodedChoice = { kind: 'blank' };
const INVALID: DecodedChoice = { kind: 'invalid' };

const rows: DecodedChoice[][] = [
  [option('ana'), option('yes')],
  [option('ion'), option('no')],
  [option('ana'), option('no')],
  [BLANK, option('yes')],
  [INVALID, option('no')],
];

describe('§14.5 choices and their count', () => {
  it('encodes each choice as its index (§7.3), blank after the options, 65535 for no choice', () => {
    const bytes = encodeChoices(manifest, rows);
    expect(bytes).toHaveLength(2 * 2 * rows.length);
    const view = new DataView(bytes.buffer);
    expect(Array.from({ length: 10 }, (_, i) => view.getUint16(2 * i))).toEqual([0, 0, 1, 1, 0, 1, 2, 0, NO_CHOICE, 1]);
  });

  it('counts options, blank (only where allowed) and invalid per contest', () => {
    const counted = countChoices(manifest, encodeChoices(manifest, rows));
    expect(counted).toEqual({
      rows: 5,
      contests: [
        { id: 'president', counts: { ana: 2, ion: 1 }, blank: 1, invalid: 1 },
        { id: 'referendum', counts: { yes: 2, no: 3 }, invalid: 0 },
      ],
    });
    expect(countChoices(manifest, new Uint8Array(0))).toEqual({
      rows: 0,
      contests: [
        { id: 'president', counts: { ana: 0, ion: 0 }, blank: 0, invalid: 0 },
        { id: 'referendum', counts: { yes: 0, no: 0 }, invalid: 0 },
      ],
    });
  });

  it('refuses an index that is no choice of its contest, and bytes that are not whole rows', () => {
    // Index 2 is blank in the first contest but nothing in the second, which has no blank.
    const bytes = new Uint8Array([0, 0, 0, 2]);
    expect(countChoices(manifest, bytes)).toEqual({
      error: { valid: false, reason: 'V14.16 row 0, contest 1: 2 is not a choice of the contest' },
    });
    expect(countChoices(manifest, new Uint8Array(6))).toMatchObject({ error: { valid: false } });
  });

  it('refuses to encode an option that is not in its contest', () => {
    expect(() => encodeChoices(manifest, [[option('yes'), option('yes')]])).toThrow(RangeError);
  });
});

describe('§14.5 the signed result entry', () => {
  const authority = generateSigningKey();
  const list = crypto.getRandomValues(new Uint8Array(32));
  const turnout = {
    ballotsReceived: 7,
    credentialsIssued: 6,
    credentialsRevoked: 1,
    credentialsCounted: 5,
    ballotsSuperseded: 1,
    ballotsOfRevokedCredentials: 1,
  };
  const choices = encodeChoices(manifest, rows);
  const result = makeResult({
    manifest,
    manifestHash: h,
    list,
    decryptedBy: [3, 1],
    choices,
    turnout,
    authoritySecretKey: authority.secretKey,
  });
  const expected: ExpectedResult = { list, rows: 5, decryptedBy: [1, 3], turnout, choices };
  const check = (payload: unknown, bytes: Uint8Array | null = choices, exp: ExpectedResult = expected) =>
    verifyResult(manifest, h, authority.publicKey, payload, bytes, exp);
  const reason = (payload: unknown, bytes?: Uint8Array | null, exp?: ExpectedResult) => {
    const v = check(payload, bytes, exp);
    return v.valid ? 'valid' : v.reason.slice(0, 6);
  };

  it('verifies as made, with the trustees in increasing order', () => {
    expect(result.decryptedBy).toEqual([1, 3]);
    expect(result.contests[0]).toEqual({ id: 'president', counts: { ana: 2, ion: 1 }, blank: 1, invalid: 1 });
    expect(check(result)).toEqual({ valid: true });
  });

  it('fails for a changed field: each with its check', () => {
    expect(reason({ ...result, extra: 1 })).toBe('V14.13');
    const moreForAna = structuredClone(result);
    moreForAna.contests[0]!.counts.ana = 3;
    expect(reason(moreForAna)).toBe('V14.14');
    expect(reason({ ...result, signature: toBase64Url(new Uint8Array(64)) })).toBe('V14.14');
    const other = generateSigningKey();
    expect(verifyResult(manifest, h, other.publicKey, result, choices, expected)).toMatchObject({ valid: false });
    expect(reason(result, choices, { ...expected, list: new Uint8Array(32) })).toBe('V14.15');
    expect(reason(result, choices, { ...expected, decryptedBy: [1, 2] })).toBe('V14.15');
    expect(reason(result, choices, { ...expected, turnout: { ...turnout, ballotsReceived: 8 } })).toBe('V14.18');
    const swapped = choices.slice();
    swapped.set([0, 1], 0); // row 0 now for Ion: the attachment is not the one the entry names
    expect(reason(result, swapped)).toBe('V14.16');
    expect(reason(result, null)).toBe('V14.16');
    expect(reason(result, choices, { ...expected, choices: swapped })).toBe('V14.19');
  });

  it('fails when the CEC signs counts that are not those of the choices', () => {
    const lying = makeResult({
      manifest,
      manifestHash: h,
      list,
      decryptedBy: [1, 3],
      choices,
      turnout,
      authoritySecretKey: authority.secretKey,
    });
    const { signature: _, ...unsigned } = lying;
    unsigned.contests = structuredClone(unsigned.contests);
    unsigned.contests[1]!.counts.yes = 5;
    const resigned = {
      ...unsigned,
      signature: toBase64Url(sign('result', resultMessage(h, unsigned), authority.secretKey)),
    };
    expect(reason(resigned)).toBe('V14.17');
  });

  it('has no choices attachment when the final list is empty', () => {
    const empty = makeResult({
      manifest,
      manifestHash: h,
      list,
      decryptedBy: [],
      choices: new Uint8Array(0),
      turnout: { ...turnout, credentialsCounted: 0 },
      authoritySecretKey: authority.secretKey,
    });
    expect(empty.choices).toBeUndefined();
    const exp = { list, rows: 0, decryptedBy: [], turnout: { ...turnout, credentialsCounted: 0 } };
    expect(check(empty, null, exp)).toEqual({ valid: true });
    expect(fromBase64Url(empty.list)).toEqual(list);
  });
});
