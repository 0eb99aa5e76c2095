// The party's file of verified ballots (SPEC §15.1): kept across runs, signed, and refused when it
// is not the party's or not the election's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey } from '@evotare/crypto/signature';
import { afterAll, describe, expect, it } from 'vitest';
import { VerifiedBallotsError, VerifiedBallotsFile } from './verified-ballots.ts';

const dir = mkdtempSync(join(tmpdir(), 'evotare-verified-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hash = (n: number) => new Uint8Array(32).fill(n);

describe('VerifiedBallotsFile', () => {
  const key = generateSigningKey();

  it('keeps the hashes across runs, once each', () => {
    const file = join(dir, 'a');
    const f = VerifiedBallotsFile.open(file, 'e1', key);
    f.add([hash(1), hash(2), hash(1)]);
    f.save();
    const again = VerifiedBallotsFile.open(file, 'e1', key);
    expect(again.size).toBe(2);
    expect(again.has(hash(2))).toBe(true);
    expect(again.has(hash(3))).toBe(false);
  });

  it('refuses a file signed by another key, altered, or of another election', () => {
    const file = join(dir, 'b');
    const f = VerifiedBallotsFile.open(file, 'e1', key);
    f.add([hash(5)]);
    f.save();
    expect(() => VerifiedBallotsFile.open(file, 'e1', generateSigningKey())).toThrow(VerifiedBallotsError);
    expect(() => VerifiedBallotsFile.open(file, 'e2', key)).toThrow(/not for election e2/);
    const bytes = readFileSync(file);
    bytes[bytes.length - 70] = (bytes[bytes.length - 70] as number) ^ 1;
    writeFileSync(file, bytes);
    expect(() => VerifiedBallotsFile.open(file, 'e1', key)).toThrow(/not signed/);
    writeFileSync(file, 'hello');
    expect(() => VerifiedBallotsFile.open(file, 'e1', key)).toThrow(/not a file of verified ballots/);
  });
});
