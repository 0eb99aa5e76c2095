// The voter's two requests, without the screens: activating a credential (docs/SPEC.md §13.3) and
// casting a ballot (§13.4). Keys are made by crypto/ (Algorithm 6.1) on this device, and a ballot
// is signed with the credential key (Algorithm 8.2) here, when the voter casts it — never before,
// so a ballot shown for an audit can never be cast. What the server answers is verified before the
// device relies on it: the credential the CEC signed must be for this election, manifest and key
// (Algorithm 13.3), a receipt must be signed by the CEC for this ballot's tracking code
// (Algorithm 13.8).
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
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import * as z from 'zod';
import type { ActivationClaim } from './activation.ts';
import { type Api, ApiError, electionPath } from './api.ts';
import type { CredentialStore } from './credential-store.ts';
import type { LoadedElection } from './election.ts';
import { type Message, problemMessage } from './problems.ts';

export type ActivationOutcome = { readonly ok: true } | { readonly ok: false; readonly message: Message };

/** The credential key pair this device holds for the election, once activated. */
export function credentialKeyPair(store: CredentialStore, electionId: string): SigningKeyPair | null {
  const c = store.credential(electionId);
  if (c === null || c.status !== 'active') return null;
  return { secretKey: fromBase64Url(c.secretKey, 32), publicKey: fromBase64Url(c.publicKey, 32) };
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
 * Activates a credential: a key pair is made and kept (pending) before the request, so that if the
 * answer is lost the same key is sent again; a code already used after such a lost answer means
 * the server took that key, and the device keeps it (casting will tell if it did not).
 */
export async function activateCredential(
  api: Api,
  store: CredentialStore,
  election: LoadedElection,
  claim: ActivationClaim,
  now: () => Date = () => new Date(),
): Promise<ActivationOutcome> {
  const electionId = election.manifest.electionId;
  let held = store.credential(electionId);
  if (held === null || held.status !== 'pending') {
    const key = generateSigningKey();
    store.savePending(electionId, { secretKey: toBase64Url(key.secretKey), publicKey: toBase64Url(key.publicKey) });
    held = store.credential(electionId)!;
  }
  let answer: unknown;
  try {
    answer = await api.post(`${electionPath(electionId)}/credentials`, { ...claim, credentialKey: held.publicKey });
  } catch (e) {
    if (e instanceof ApiError && e.problem === 'network') store.markOutcomeUnknown(electionId);
    if (e instanceof ApiError && e.problem === 'already-activated' && held.outcomeUnknown) {
      store.saveActive(electionId, undefined, now());
      return { ok: true };
    }
    // A key the server refused as a key (e.g. already a credential) is not tried again.
    if (e instanceof ApiError && e.problem === 'invalid-credential-key') store.forget(electionId);
    return { ok: false, message: problemMessage(e) };
  }
  const parsed = z.object({ credential: SignedCredentialSchema }).safeParse(answer);
  const problem = parsed.success
    ? checkCredential(election, parsed.data.credential, held.publicKey)
    : 'malformed answer';
  if (problem !== null) return { ok: false, message: { key: 'errElectionData', values: { reason: problem } } };
  store.saveActive(electionId, parsed.success ? parsed.data.credential : undefined, now());
  return { ok: true };
}

export type CastOutcome =
  | { readonly ok: true; readonly receipt: SignedReceiptJson }
  | {
      readonly ok: false;
      readonly message: Message;
      /** The device's credential is of no more use (revoked, or never issued): activate again. */
      readonly credentialLost: boolean;
    };

/**
 * Signs an encrypted ballot with this device's credential key, casts it and checks the receipt.
 * Signing is deterministic and sending the same ballot again is safe (the server answers a
 * resubmission with the same receipt), so after a network failure the voter may simply cast again.
 */
export async function castBallot(
  api: Api,
  store: CredentialStore,
  election: LoadedElection & { ctx: ElectionContext },
  encrypted: EncryptedBallot,
): Promise<CastOutcome> {
  const electionId = election.manifest.electionId;
  const key = credentialKeyPair(store, electionId);
  if (key === null) return { ok: false, message: { key: 'errCredentialUnknown' }, credentialLost: true };
  if (toBase64Url(key.publicKey) !== encrypted.ballot.credential) {
    // Another activation (in another tab) replaced the key this ballot was encrypted for.
    return { ok: false, message: { key: 'castErrOtherCredential' }, credentialLost: false };
  }
  let answer: unknown;
  try {
    answer = await api.post(`${electionPath(electionId)}/ballots`, signBallot(election.ctx, encrypted.ballot, key));
  } catch (e) {
    const lost = e instanceof ApiError && (e.problem === 'credential-revoked' || e.problem === 'credential-unknown');
    if (lost) store.forget(electionId);
    return { ok: false, message: problemMessage(e), credentialLost: lost };
  }
  const parsed = SignedReceiptSchema.safeParse(answer);
  const decoded = parsed.success ? decodeSignedReceipt(parsed.data) : null;
  let problem: string | null = null;
  if (decoded === null || 'error' in decoded) problem = 'malformed receipt';
  else if (!equalBytes(decoded.value.trackingCode, encrypted.trackingCode)) problem = 'receipt for another ballot';
  else {
    const v = verifyReceipt(decoded.value, election.authorityKey, electionId);
    if (!v.valid) problem = v.reason;
  }
  if (problem !== null || !parsed.success) {
    return {
      ok: false,
      message: { key: 'receiptBad', values: { reason: problem ?? 'malformed' } },
      credentialLost: false,
    };
  }
  store.addReceipt(electionId, parsed.data);
  return { ok: true, receipt: parsed.data };
}
