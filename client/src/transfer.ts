// Moving a voting key to another device (docs/SPEC.md §13.9): sealed here under a code the voter
// types there (crypto/'s scrypt and ChaCha20-Poly1305). Its own part of the booth (./parts.ts),
// downloaded only by a voter who moves her key, not before the first screen.
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { openCredentialTransfer, sealCredentialTransfer, TransferError } from '@evotare/crypto/credential-transfer';
import { signingPublicKey } from '@evotare/crypto/signature';
import type { CredentialStore } from './credential-store.ts';
import type { Message } from './problems.ts';

/** §13.9: the credential sealed for another device, as the text that device opens, and its code. */
export function exportCredential(
  store: CredentialStore,
  electionId: string,
  publicKey: string,
): { text: string; code: string } | null {
  const c = store.credential(electionId, publicKey);
  if (c === null || c.status !== 'active' || !c.holder) return null;
  const sealed = sealCredentialTransfer(electionId, fromBase64Url(c.secretKey, 32), c.holder);
  return { text: toBase64Url(sealed.transfer), code: sealed.code };
}

export type ImportOutcome =
  | { readonly ok: true; readonly publicKey: string }
  | { readonly ok: false; readonly message: Message };

/** §13.9: opens a transfer made on another device with the code shown there, and keeps the credential. */
export function importCredential(
  store: CredentialStore,
  electionId: string,
  text: string,
  typedCode: string,
  now: () => Date = () => new Date(),
): ImportOutcome {
  let transfer: Uint8Array;
  try {
    transfer = fromBase64Url(text.trim());
  } catch {
    return { ok: false, message: { key: 'moveErrMalformed' } };
  }
  try {
    const { sk, holder } = openCredentialTransfer(electionId, transfer, typedCode);
    const publicKey = toBase64Url(signingPublicKey(sk));
    const existing = store.credential(electionId, publicKey);
    if (existing?.status !== 'active') {
      store.saveTransferred(electionId, { secretKey: toBase64Url(sk), publicKey }, holder, now());
    }
    return { ok: true, publicKey };
  } catch (e) {
    if (e instanceof TransferError) {
      return { ok: false, message: { key: e.code === 'wrong-code' ? 'moveErrCode' : 'moveErrMalformed' } };
    }
    throw e;
  }
}
