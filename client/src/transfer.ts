// Moving a voting key to another device (docs/SPEC.md §13.9): sealed here under a code the voter
// types there (crypto/'s scrypt and ChaCha20-Poly1305). A part of the booth of its own (./parts.ts,
// ../serve/assets.ts), downloaded only by a voter who moves her key, and bundled whole: it imports
// nothing the pages load (not the ristretto255 engine), so loading it is one file.
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { openCredentialTransfer, sealCredentialTransfer, TransferError } from '@evotare/crypto/credential-transfer';
import type { CredentialStore, Holder } from './credential-store.ts';
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

/** A credential opened from another device's transfer, or why it could not be. */
export type OpenedTransfer =
  | { readonly ok: true; readonly sk: Uint8Array; readonly holder: Holder }
  | { readonly ok: false; readonly message: Message };

/**
 * §13.9: opens a transfer made on another device with the code shown there. Keeping the credential
 * (which needs its public key, and so the ristretto255 engine the page has loaded) is the page's:
 * ./voting.ts, keepTransferred.
 */
export function openTransfer(electionId: string, text: string, typedCode: string): OpenedTransfer {
  let transfer: Uint8Array;
  try {
    transfer = fromBase64Url(text.trim());
  } catch {
    return { ok: false, message: { key: 'moveErrMalformed' } };
  }
  try {
    const { sk, holder } = openCredentialTransfer(electionId, transfer, typedCode);
    return { ok: true, sk, holder };
  } catch (e) {
    if (e instanceof TransferError) {
      return { ok: false, message: { key: e.code === 'wrong-code' ? 'moveErrCode' : 'moveErrMalformed' } };
    }
    throw e;
  }
}
