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
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { concatBytes, equalBytes, fromUtf8, lengthPrefixed, toBase64Url, u32be, utf8 } from '@evotare/crypto/bytes';
import { type SigningKeyPair, sign, verifySignature } from '@evotare/crypto/signature';

const MAGIC = utf8('evotare-verified-ballots 1\n');

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
    const bytes = new Uint8Array(readFileSync(file));
    const bad = (why: string) => new VerifiedBallotsError(`${file}: ${why}; remove it to verify every ballot again`);
    if (bytes.length < MAGIC.length + 4 + 4 + 64 || !equalBytes(bytes.subarray(0, MAGIC.length), MAGIC)) {
      throw bad('not a file of verified ballots');
    }
    const body = bytes.subarray(0, bytes.length - 64);
    if (!verifySignature('verified-ballots', body, bytes.subarray(bytes.length - 64), key.publicKey)) {
      throw bad('not signed by this party’s key');
    }
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    let at = MAGIC.length;
    const idLength = view.getUint32(at);
    at += 4;
    if (at + idLength + 4 > body.length || fromUtf8(body.subarray(at, at + idLength)) !== electionId) {
      throw bad(`not for election ${electionId}`);
    }
    at += idLength;
    const count = view.getUint32(at);
    at += 4;
    if (body.length !== at + 32 * count) throw bad('cut short');
    for (let i = 0; i < count; i++) f.#remember(body.slice(at + 32 * i, at + 32 * (i + 1)));
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
    const body = concatBytes(MAGIC, lengthPrefixed(utf8(this.#electionId)), u32be(this.#order.length), ...this.#order);
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, concatBytes(body, sign('verified-ballots', body, this.#key.secretKey)), { mode: 0o600 });
    renameSync(tmp, this.file);
    this.#unsaved = 0;
  }
}
