// A party's own signed file for an election (docs/SPEC.md §15.1): the ballots it verified
// (./verified-ballots.ts) and its kept state of the board (./kept-state.ts) share one frame,
//
//   magic || LP(UTF8(electionId)) || rest || σ        σ = Sign(purpose, everything before σ, sk_party)
//
// and are written atomically, so that a crash leaves the old file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { concatBytes, equalBytes, fromUtf8, lengthPrefixed, utf8 } from '@evotare/crypto/bytes';
import { type SignaturePurpose, type SigningKeyPair, sign, verifySignature } from '@evotare/crypto/signature';

export interface PartyFileFormat {
  readonly magic: Uint8Array;
  readonly purpose: SignaturePurpose;
  /** What the file is, for a message: `a file of verified ballots`. */
  readonly what: string;
}

/**
 * The `rest` of the party's file, once its frame, signature (under `key`) and election check; else
 * throws what `bad` makes of the reason.
 */
export function readPartyFile(
  file: string,
  format: PartyFileFormat,
  electionId: string,
  key: SigningKeyPair,
  bad: (why: string) => Error,
): Uint8Array {
  const bytes = new Uint8Array(readFileSync(file));
  const { magic } = format;
  if (bytes.length < magic.length + 4 + 64 || !equalBytes(bytes.subarray(0, magic.length), magic)) {
    throw bad(`not ${format.what}`);
  }
  const body = bytes.subarray(0, bytes.length - 64);
  if (!verifySignature(format.purpose, body, bytes.subarray(bytes.length - 64), key.publicKey)) {
    throw bad('not signed by this party’s key');
  }
  const idLength = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(magic.length);
  const at = magic.length + 4;
  if (at + idLength > body.length || fromUtf8(body.subarray(at, at + idLength)) !== electionId) {
    throw bad(`not for election ${electionId}`);
  }
  return body.subarray(at + idLength);
}

/** Writes the party's file, signed with its key, atomically. */
export function writePartyFile(
  file: string,
  format: PartyFileFormat,
  electionId: string,
  rest: readonly Uint8Array[],
  key: SigningKeyPair,
): void {
  const body = concatBytes(format.magic, lengthPrefixed(utf8(electionId)), ...rest);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, concatBytes(body, sign(format.purpose, body, key.secretKey)), { mode: 0o600 });
  renameSync(tmp, file);
}
