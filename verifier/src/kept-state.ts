// What a party keeps of the board it has verified (docs/SPEC.md §15.1): a mix node, a trustee or an
// observer that follows the board keeps the verifier's state after the last signed tree head it
// verified (./verify.ts KeptState), so that its next run reads only the entries after that head.
// The file is the party's own — never sent anywhere — and signed with its own key:
//
//   UTF8("evotare-kept-state 1\n") || LP(UTF8(electionId)) || LP(UTF8(JSON(state))) || σ
//   σ = Sign("verified-state", everything before σ, sk_party)
//
// JSON(state) is the state with each byte string written as {"$bytes": base64url}. A file that is
// not signed by the party's key, names another election or does not hold together is refused
// (KeptStateError): the party then verifies the board from entry 0, as if it had kept nothing.
// The state is an optimisation, never a trust shortcut: what it holds is what the party itself
// computed from the entries it verified, and the board must still extend the head it names.
import { existsSync } from 'node:fs';
import { fromBase64Url, fromUtf8, lengthPrefixed, toBase64Url, utf8 } from '@evotare/crypto/bytes';
import type { SigningKeyPair } from '@evotare/crypto/signature';
import { type PartyFileFormat, readPartyFile, writePartyFile } from './party-file.ts';
import type { KeptState } from './verify.ts';

const FORMAT: PartyFileFormat = {
  magic: utf8('evotare-kept-state 1\n'),
  purpose: 'verified-state',
  what: 'a file of kept state',
};

export class KeptStateError extends Error {
  override readonly name = 'KeptStateError';
}

/** Where a party keeps its state of an election's board: beside its key file. */
export function keptStatePath(keyFile: string, electionId: string): string {
  return `${keyFile}.${electionId}.kept-state`;
}

function encode(state: KeptState): Uint8Array {
  return utf8(JSON.stringify(state, (_k, v: unknown) => (v instanceof Uint8Array ? { $bytes: toBase64Url(v) } : v)));
}

function decode(bytes: Uint8Array): KeptState {
  return JSON.parse(fromUtf8(bytes), (_k, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return fromBase64Url(o.$bytes);
    }
    return v;
  }) as KeptState;
}

/**
 * The state the party kept for the election, or undefined when it has none; throws a KeptStateError
 * when the file is not the party's (not signed by `key`, another election, malformed).
 */
export function readKeptState(file: string, electionId: string, key: SigningKeyPair): KeptState | undefined {
  if (!existsSync(file)) return undefined;
  const bad = (why: string) => new KeptStateError(`${file}: ${why}`);
  const rest = readPartyFile(file, FORMAT, electionId, key, bad);
  const length = rest.length < 4 ? -1 : new DataView(rest.buffer, rest.byteOffset, rest.byteLength).getUint32(0);
  if (4 + length !== rest.length) throw bad('cut short');
  let state: KeptState;
  try {
    state = decode(rest.subarray(4));
  } catch {
    throw bad('malformed');
  }
  if (state.electionId !== electionId) throw bad(`not for election ${electionId}`);
  return state;
}

/** Writes the state, signed with the party's key; atomically, so that a crash leaves the old file. */
export function writeKeptState(file: string, state: KeptState, key: SigningKeyPair): void {
  writePartyFile(file, FORMAT, state.electionId, [lengthPrefixed(encode(state))], key);
}
