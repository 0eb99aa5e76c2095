// What a party keeps of the ballots it has verified (docs/SPEC.md §15.1, informative): a mix node or
// trustee that follows the board while voting runs verifies each ballot as it arrives and keeps the
// hash of its entry here, signed with its own key, so that at the close it verifies only the
// ballots it has not seen. The file is the party's own — never sent anywhere:
//
//   UTF8("evotare-verified-ballots 1\n") || LP(UTF8(electionId)) || I2OSP(count, 4) || hash_1 || … || hash_count || σ
//   σ = Sign("verified-ballots", everything before σ, sk_party)
//
// A file that is not signed by the party's key, or names another election, is refused: the party
// then removes it and verifies every ballot again.
import { existsSync } from 'node:fs';
import { toBase64Url, u32be, utf8 } from '@evotare/crypto/bytes';
import type { SigningKeyPair } from '@evotare/crypto/signature';
import { type PartyFileFormat, readPartyFile, writePartyFile } from './party-file.ts';

const FORMAT: PartyFileFormat = {
  magic: utf8('evotare-verified-ballots 1\n'),
  purpose: 'verified-ballots',
  what: 'a file of verified ballots',
};

export class VerifiedBallotsError extends Error {
  override readonly name = 'VerifiedBallotsError';
}

export class VerifiedBallotsFile {
  readonly file: string;
  readonly #electionId: string;
  readonly #key: SigningKeyPair;
  readonly #hashes = new Set<string>();
  readonly #order: Uint8Array[] = [];
  #unsaved = 0;

  private constructor(file: string, electionId: string, key: SigningKeyPair) {
    this.file = file;
    this.#electionId = electionId;
    this.#key = key;
  }

  /** Opens the party's file for the election (empty if there is none yet); throws a VerifiedBallotsError if it is not the party's. */
  static open(file: string, electionId: string, key: SigningKeyPair): VerifiedBallotsFile {
    const f = new VerifiedBallotsFile(file, electionId, key);
    if (!existsSync(file)) return f;
    const bad = (why: string) => new VerifiedBallotsError(`${file}: ${why}; remove it to verify every ballot again`);
    const rest = readPartyFile(file, FORMAT, electionId, key, bad);
    if (rest.length < 4) throw bad('cut short');
    const count = new DataView(rest.buffer, rest.byteOffset, rest.byteLength).getUint32(0);
    const at = 4;
    if (rest.length !== at + 32 * count) throw bad('cut short');
    for (let i = 0; i < count; i++) f.#remember(rest.slice(at + 32 * i, at + 32 * (i + 1)));
    return f;
  }

  get size(): number {
    return this.#order.length;
  }

  has(entryHash: Uint8Array): boolean {
    return this.#hashes.has(toBase64Url(entryHash));
  }

  add(entryHashes: readonly Uint8Array[]): void {
    for (const h of entryHashes) if (this.#remember(h)) this.#unsaved++;
  }

  #remember(h: Uint8Array): boolean {
    const k = toBase64Url(h);
    if (this.#hashes.has(k)) return false;
    this.#hashes.add(k);
    this.#order.push(h);
    return true;
  }

  /** Writes the file (signed) if anything was added; atomically, so a crash leaves the old one. */
  save(): void {
    if (this.#unsaved === 0 && existsSync(this.file)) return;
    writePartyFile(this.file, FORMAT, this.#electionId, [u32be(this.#order.length), ...this.#order], this.#key);
    this.#unsaved = 0;
  }
}
