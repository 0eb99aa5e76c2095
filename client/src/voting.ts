// The voter's two requests, without the screens: activating a credential (docs/SPEC.md §13.3) and
// casting a ballot (§13.4). Keys are made by crypto/ (Algorithm 6.1) on this device, and a ballot
// is signed with the credential key (Algorithm 8.2) here, when the voter casts it — never before,
// so a ballot shown for an audit can never be cast. What the server answers is verified before the
// device relies on it: the credential the CEC signed must be for this election, manifest and key
// (Algorithm 13.3), a receipt must be signed by the CEC for this ballot's tracking code
// (Algorithm 13.8). Moving a credential to another device is in ./transfer.ts, loaded only when a
// voter does it.
import { type ElectionContext, type EncryptedBallot, signBallot } from '@evotare/crypto/ballot';
import { equalBytes, fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import {
  decodeSignedCredential,
  decodeSignedReceipt,
  type SignedCredentialJson,
  SignedCredentialSchema,
  type SignedReceiptJson,
  SignedReceiptSchema,
  verifyCredential,
  verifyReceipt,
} from '@evotare/crypto/credential';
import { generateSigningKey, type SigningKeyPair, signingPublicKey } from '@evotare/crypto/signature';
import * as z from 'zod';
import type { ActivationClaim } from './activation.ts';
import { type Api, ApiError, electionPath } from './api.ts';
import type { CredentialStore, Holder, StoredCredential } from './credential-store.ts';
import type { LoadedElection } from './election.ts';
import { type Message, problemMessage } from './problems.ts';
import { fetchReceipt } from './receipt-check.ts';
import type { OpenedTransfer } from './transfer.ts';

export type ActivationOutcome =
  | { readonly ok: true; readonly publicKey: string }
  | { readonly ok: false; readonly message: Message };

/** A credential's key pair this device holds for the election, once activated. */
export function credentialKeyPair(
  store: CredentialStore,
  electionId: string,
  publicKey: string,
): SigningKeyPair | null {
  const c = store.credential(electionId, publicKey);
  return c === null || c.status !== 'active' ? null : keyPairOf(c);
}

function keyPairOf(c: StoredCredential): SigningKeyPair {
  return { secretKey: fromBase64Url(c.secretKey, 32), publicKey: fromBase64Url(c.publicKey, 32) };
}

/** Whose credential an activation makes: never the whole IDNP (the device shows only its end). */
export function holderOf(claim: ActivationClaim): Holder {
  return { idnpEnd: claim.idnp.slice(-4), birthDate: claim.birthDate };
}

function checkCredential(election: LoadedElection, json: SignedCredentialJson, publicKey: string): string | null {
  const decoded = decodeSignedCredential(json);
  if ('error' in decoded) return 'malformed credential';
  if (toBase64Url(decoded.value.publicKey) !== publicKey) return 'the credential is for another key';
  const v = verifyCredential(decoded.value, election.authorityKey, {
    electionId: election.manifest.electionId,
    manifestHash: election.manifestHash,
  });
  return v.valid ? null : v.reason;
}

/**
 * Activates a credential: a key pair is made and kept (pending, for this holder) before the
 * request, so that if the answer is lost the same key is sent again; a code already used after
 * such a lost answer means the server took that key, and the device keeps it (casting will tell if
 * it did not). A try the server answered with a refusal leaves nothing behind. Another voter's
 * pending key on the same device is never sent.
 */
export async function activateCredential(
  api: Api,
  store: CredentialStore,
  election: LoadedElection,
  claim: ActivationClaim,
  now: () => Date = () => new Date(),
): Promise<ActivationOutcome> {
  const electionId = election.manifest.electionId;
  const holder = holderOf(claim);
  let held = store.pendingFor(electionId, holder);
  if (held === null) {
    const key = generateSigningKey();
    const publicKey = toBase64Url(key.publicKey);
    store.savePending(electionId, { secretKey: toBase64Url(key.secretKey), publicKey }, holder);
    held = store.credential(electionId, publicKey)!;
  }
  const publicKey = held.publicKey;
  let answer: unknown;
  try {
    answer = await api.post(`${electionPath(electionId)}/credentials`, { ...claim, credentialKey: publicKey });
  } catch (e) {
    const problem = e instanceof ApiError ? e.problem : '';
    const status = e instanceof ApiError ? e.status : 0;
    if (problem === 'already-activated' && held.outcomeUnknown) {
      store.saveActive(electionId, publicKey, undefined, now());
      return { ok: true, publicKey };
    }
    if (problem === 'network' || problem === 'timeout' || (status >= 500 && status !== 503)) {
      // No answer, or a failure that may have come after the server took the key: keep it.
      store.markOutcomeUnknown(electionId, publicKey);
    } else if (problem === 'invalid-credential-key' || !held.outcomeUnknown) {
      // The server answered and did not take the key (a wrong code, a locked code, not on the roll,
      // busy): nothing of this try stays on the device — neither the key nor the IDNP's last digits
      // and the date of birth it was kept under. A key refused as a key is never tried again; one
      // whose earlier try got no answer is kept (that try may have succeeded).
      store.forget(electionId, publicKey);
    }
    return { ok: false, message: problemMessage(e) };
  }
  const parsed = z.object({ credential: SignedCredentialSchema }).safeParse(answer);
  const problem = parsed.success ? checkCredential(election, parsed.data.credential, publicKey) : 'malformed answer';
  if (problem !== null) return { ok: false, message: { key: 'errElectionData', values: { reason: problem } } };
  store.saveActive(electionId, publicKey, parsed.success ? parsed.data.credential : undefined, now());
  return { ok: true, publicKey };
}

export type CastOutcome =
  | { readonly ok: true; readonly receipt: SignedReceiptJson }
  | {
      readonly ok: false;
      readonly message: Message;
      /** The credential is of no more use (revoked, or never issued): activate again. */
      readonly credentialLost: boolean;
      /** No answer came back: the ballot may have been recorded (check by its tracking code). */
      readonly answerLost?: boolean;
    };

/** The reason a receipt is not the CEC's for this ballot, or null if it is. */
function receiptProblem(election: LoadedElection, json: unknown, encrypted: EncryptedBallot): string | null {
  const parsed = SignedReceiptSchema.safeParse(json);
  const decoded = parsed.success ? decodeSignedReceipt(parsed.data) : null;
  if (decoded === null || 'error' in decoded) return 'malformed receipt';
  if (!equalBytes(decoded.value.trackingCode, encrypted.trackingCode)) return 'receipt for another ballot';
  const v = verifyReceipt(decoded.value, election.authorityKey, election.manifest.electionId);
  return v.valid ? null : v.reason;
}

function acceptReceipt(
  store: CredentialStore,
  election: LoadedElection,
  json: unknown,
  encrypted: EncryptedBallot,
): CastOutcome {
  const problem = receiptProblem(election, json, encrypted);
  if (problem !== null) {
    return { ok: false, message: { key: 'receiptBad', values: { reason: problem } }, credentialLost: false };
  }
  const receipt = json as SignedReceiptJson;
  store.addReceipt(election.manifest.electionId, encrypted.ballot.credential, receipt);
  return { ok: true, receipt };
}

/**
 * Signs an encrypted ballot with the credential it was encrypted for, casts it and checks the
 * receipt. Signing is deterministic and sending the same ballot again is safe (the server answers
 * a resubmission with the same receipt); after a lost answer the booth first looks the ballot up
 * by its tracking code (lookUpCast).
 */
export async function castBallot(
  api: Api,
  store: CredentialStore,
  election: LoadedElection & { ctx: ElectionContext },
  encrypted: EncryptedBallot,
): Promise<CastOutcome> {
  const electionId = election.manifest.electionId;
  const key = credentialKeyPair(store, electionId, encrypted.ballot.credential);
  if (key === null) return { ok: false, message: { key: 'errCredentialUnknown' }, credentialLost: true };
  let answer: unknown;
  try {
    answer = await api.post(`${electionPath(electionId)}/ballots`, signBallot(election.ctx, encrypted.ballot, key));
  } catch (e) {
    const problem = e instanceof ApiError ? e.problem : '';
    const lost = problem === 'credential-revoked' || problem === 'credential-unknown';
    if (lost) store.forget(electionId, encrypted.ballot.credential);
    const answerLost = problem === 'network' || problem === 'timeout';
    return { ok: false, message: problemMessage(e), credentialLost: lost, ...(answerLost ? { answerLost } : {}) };
  }
  return acceptReceipt(store, election, answer, encrypted);
}

export type LookUpOutcome =
  | { readonly state: 'recorded'; readonly receipt: SignedReceiptJson }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown'; readonly message: Message };

/**
 * After a cast whose answer was lost: is the ballot on the board? The server's status lookup by
 * tracking code (§13.7) answers with the receipt, which is checked as a cast's answer is.
 */
export async function lookUpCast(
  api: Api,
  store: CredentialStore,
  election: LoadedElection,
  encrypted: EncryptedBallot,
): Promise<LookUpOutcome> {
  try {
    const receipt = await fetchReceipt(api, election.manifest.electionId, encrypted.trackingCode);
    const outcome = acceptReceipt(store, election, receipt, encrypted);
    return outcome.ok
      ? { state: 'recorded', receipt: outcome.receipt }
      : { state: 'unknown', message: outcome.message };
  } catch (e) {
    if (e instanceof ApiError && e.problem === 'entry-not-found') return { state: 'absent' };
    return { state: 'unknown', message: problemMessage(e) };
  }
}

export type ImportOutcome =
  | { readonly ok: true; readonly publicKey: string }
  | { readonly ok: false; readonly message: Message };

/** §13.9: keeps the credential opened from another device's transfer (./transfer.ts, openTransfer). */
export function keepTransferred(
  store: CredentialStore,
  electionId: string,
  opened: OpenedTransfer,
  now: () => Date = () => new Date(),
): ImportOutcome {
  if (!opened.ok) return opened;
  const publicKey = toBase64Url(signingPublicKey(opened.sk));
  if (store.credential(electionId, publicKey)?.status !== 'active') {
    store.saveTransferred(electionId, { secretKey: toBase64Url(opened.sk), publicKey }, opened.holder, now());
  }
  return { ok: true, publicKey };
}
