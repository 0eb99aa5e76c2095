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
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  concatBytes,
  equalBytes,
  fromBase64Url,
  fromUtf8,
  lengthPrefixed,
  toBase64Url,
  utf8,
} from '@evotare/crypto/bytes';
import { type SigningKeyPair, sign, verifySignature } from '@evotare/crypto/signature';
import type { KeptState } from './verify.ts';

const MAGIC = utf8('evotare-kept-state 1\n');

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
  const bytes = new Uint8Array(readFileSync(file));
  const bad = (why: string) => new KeptStateError(`${file}: ${why}`);
  if (bytes.length < MAGIC.length + 8 + 64 || !equalBytes(bytes.subarray(0, MAGIC.length), MAGIC)) {
    throw bad('not a file of kept state');
  }
  const body = bytes.subarray(0, bytes.length - 64);
  if (!verifySignature('verified-state', body, bytes.subarray(bytes.length - 64), key.publicKey)) {
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
  const length = view.getUint32(at);
  at += 4;
  if (at + length !== body.length) throw bad('cut short');
  let state: KeptState;
  try {
    state = decode(body.subarray(at));
  } catch {
    throw bad('malformed');
  }
  if (state.electionId !== electionId) throw bad(`not for election ${electionId}`);
  return state;
}

/** Writes the state, signed with the party's key; atomically, so that a crash leaves the old file. */
export function writeKeptState(file: string, state: KeptState, key: SigningKeyPair): void {
  const body = concatBytes(MAGIC, lengthPrefixed(utf8(state.electionId)), lengthPrefixed(encode(state)));
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, concatBytes(body, sign('verified-state', body, key.secretKey)), { mode: 0o600 });
  renameSync(tmp, file);
}
