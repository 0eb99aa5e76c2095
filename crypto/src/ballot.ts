// Ballots (docs/SPEC.md §8): one ElGamal ciphertext per contest with a proof that it encrypts one
// of the contest's choices, bound to the manifest and to the voter's credential key. Encryption
// (Algorithm 8.1) needs only the credential's public key and gives an unsigned ballot; the
// credential key signs it (Algorithm 8.2) only when the voter casts it, so a ballot opened for an
// audit (§8.5) is never signed and nobody — not even whoever holds the audit data — can cast it.
//
// Wire format (JSON, bytes in base64url):
//   { "election": electionId,
//     "credential": Ed25519 public key (32 bytes),
//     "contests": [ { "ciphertext": Encode(A) || Encode(B) (64 bytes),
//                     "proof": K branches of 128 bytes (§5.3) }, … one per contest, in manifest order ],
//     "signature": Ed25519 signature (64 bytes) }        ← absent from an unsigned ballot
import * as z from 'zod';
import { concatBytes, fromBase64Url, lengthPrefixed, toBase64Url, u32be } from './bytes.ts';
import { canonicalBytes } from './canonical-json.ts';
import { type Ciphertext, type CiphertextRow, EncryptionKey, encodeCiphertext, encrypt } from './elgamal.ts';
import { InvalidEncodingError } from './errors.ts';
import { GroupElement, generatorBase } from './group.ts';
import { type Contest, choiceCount, type Manifest, manifestHash, optionElements } from './manifest.ts';
import { BatchVerifier, type Equation } from './proofs/batch.ts';
import {
  BRANCH_SIZE,
  type DisjunctiveProof,
  disjunctiveEquations,
  encodeDisjunctiveProof,
  proveDisjunctive,
} from './proofs/disjunctive.ts';
import type { ProofContext } from './proofs/schnorr.ts';
import { invalid, VALID, type Verification } from './result.ts';
import * as scalar from './scalar.ts';
import { isValidSigningPublicKey, type SigningKeyPair, sign, signingPublicKey, verifySignatures } from './signature.ts';
import { TAG } from './tags.ts';
import { digest } from './transcript.ts';

const MAX_CHOICES = 65;

function base64UrlOf(bytes: number) {
  const chars = Math.ceil((bytes * 4) / 3);
  return z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}$`), `${bytes} bytes in base64url`);
}

const UNSIGNED_MEMBERS = {
  election: z.string().min(1).max(63),
  credential: base64UrlOf(32),
  contests: z
    .array(
      z.strictObject({
        ciphertext: base64UrlOf(64),
        proof: z
          .string()
          .max(Math.ceil((MAX_CHOICES * BRANCH_SIZE * 4) / 3))
          .regex(/^[A-Za-z0-9_-]*$/),
      }),
    )
    .min(1)
    .max(32),
};

/** An unsigned ballot (§8.1): what encryption gives and what audit data carries. */
export const UnsignedBallotSchema = z.strictObject(UNSIGNED_MEMBERS);

/** The structure of a ballot as cast; byte fields are checked further when decoded (§8.3). */
export const BallotSchema = z.strictObject({ ...UNSIGNED_MEMBERS, signature: base64UrlOf(64) });

export type UnsignedBallotJson = z.infer<typeof UnsignedBallotSchema>;
export type BallotJson = z.infer<typeof BallotSchema>;

/** V08.01 for a ballot that has every member but `signature`: it cannot be cast (§8.2, §13.4). */
export const BALLOT_NOT_SIGNED =
  'V08.01 the ballot is not signed: its credential key signs a ballot only when the voter casts it (an audited ballot is never signed)';

/** {election, credential, contests}: the ballot without its signature, whatever else it holds. */
function unsignedPart(ballot: UnsignedBallotJson): UnsignedBallotJson {
  const { election, credential, contests } = ballot;
  return { election, credential, contests };
}

export interface ContestContext {
  readonly contest: Contest;
  /** The choices' elements: options in manifest order, then blank if allowed (§7.3). */
  readonly elements: readonly GroupElement[];
}

/** What ballot encryption and verification need about an election, computed once. */
export interface ElectionContext {
  readonly manifest: Manifest;
  readonly manifestHash: Uint8Array;
  readonly electionKey: EncryptionKey;
  readonly contests: readonly ContestContext[];
}

export function electionContext(manifest: Manifest, electionKey: GroupElement): ElectionContext {
  return {
    manifest,
    manifestHash: manifestHash(manifest),
    electionKey: new EncryptionKey(electionKey),
    contests: manifest.contests.map((contest) => ({ contest, elements: optionElements(manifest, contest) })),
  };
}

/** §8.1 The proof context of contest i: LP(credential public key) || I2OSP(i, 4). */
function contestProofContext(ctx: ElectionContext, credential: Uint8Array, index: number): ProofContext {
  return { manifestHash: ctx.manifestHash, context: concatBytes(lengthPrefixed(credential), u32be(index)) };
}

/** §8.2 The bytes a credential key signs: LP(manifest hash) || LP(JCS(ballot without "signature")). */
export function ballotSigningMessage(ctx: ElectionContext, ballot: UnsignedBallotJson): Uint8Array {
  return concatBytes(lengthPrefixed(ctx.manifestHash), lengthPrefixed(canonicalBytes(unsignedPart(ballot))));
}

/**
 * Algorithm 8.4 TrackingCode = Digest("evotare/v1/tracking-code", h, JCS(ballot without "signature")):
 * known before the ballot is signed, the same for the ballot as cast; `h` is the manifest hash.
 */
export function trackingCode(h: Uint8Array, ballot: UnsignedBallotJson): Uint8Array {
  return digest(TAG.trackingCode, h, canonicalBytes(unsignedPart(ballot)));
}

/** Algorithm 8.4 in an election's context, for a signed or an unsigned ballot. */
export function ballotTrackingCode(ctx: ElectionContext, ballot: UnsignedBallotJson): Uint8Array {
  return trackingCode(ctx.manifestHash, ballot);
}

/** A tracking code as people read it: the first 10 bytes in groups, e.g. "3FQ7-K2MA-…". */
export function formatTrackingCode(code: Uint8Array): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of code.subarray(0, 10)) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(acc >> bits) & 31];
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Characters of a short tracking code: its first 10 bytes (80 bits) in Crockford base32. */
export const SHORT_TRACKING_CODE_CHARS = 16;

/**
 * Algorithm 8.4a ReadTrackingCode (docs/SPEC.md §8.4): a tracking code typed or pasted by a person.
 * The full code is its 43 base64url characters (the receipt's address carries it) and is read as
 * is. The short code people are shown is read as a fingerprint is (Algorithm 7.5): upper case,
 * spaces and `-` removed, `O` read as `0`, `I` and `L` as `1`; it must then be exactly 16
 * characters of the alphabet, which give the code's first 10 bytes. Null for anything else.
 */
export function readTrackingCode(
  typed: string,
):
  | { readonly kind: 'full'; readonly code: Uint8Array }
  | { readonly kind: 'short'; readonly prefix: Uint8Array }
  | null {
  const text = typed.trim();
  if (/^[A-Za-z0-9_-]{43}$/.test(text)) {
    try {
      return { kind: 'full', code: fromBase64Url(text, 32) };
    } catch {
      return null;
    }
  }
  const s = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== SHORT_TRACKING_CODE_CHARS) return null;
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32
  const prefix = new Uint8Array(10);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of s) {
    const v = alphabet.indexOf(c);
    if (v < 0) return null;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      prefix[n++] = (acc >> bits) & 0xff;
    }
  }
  return { kind: 'short', prefix };
}

/** What a voter keeps to audit a ballot instead of casting it (Benaloh challenge, §8.5). */
export interface BallotAudit {
  readonly choices: readonly number[];
  /** base64url of EncodeScalar(r) per contest. */
  readonly randomness: readonly string[];
}

/** An encrypted, unsigned ballot; the booth signs it (signBallot) only if the voter casts it. */
export interface EncryptedBallot {
  readonly ballot: UnsignedBallotJson;
  readonly trackingCode: Uint8Array;
  readonly audit: BallotAudit;
}

/**
 * Algorithm 8.1 EncryptBallot, for the credential public key `credential` (the secret key is not
 * needed, and no signature is made). `choices[i]` is the index of the voter's choice in contest i:
 * 0 … options−1 for an option, `options` for blank where blank is allowed.
 */
export function encryptBallot(
  ctx: ElectionContext,
  credential: Uint8Array,
  choices: readonly number[],
): EncryptedBallot {
  if (choices.length !== ctx.contests.length) throw new RangeError('one choice per contest is needed');
  const credentialText = toBase64Url(credential);
  const randomness: string[] = [];
  const contests = ctx.contests.map(({ contest, elements }, i) => {
    const choice = choices[i]!;
    if (!Number.isInteger(choice) || choice < 0 || choice >= elements.length) {
      throw new RangeError(`choice ${choice} is not one of the ${choiceCount(contest)} choices of ${contest.id}`);
    }
    const r = scalar.randomNonZero();
    const ct = encrypt(ctx.electionKey, elements[choice]!, r);
    const proof = proveDisjunctive(contestProofContext(ctx, credential, i), ctx.electionKey, ct, elements, choice, r);
    randomness.push(toBase64Url(scalar.encode(r)));
    return { ciphertext: toBase64Url(encodeCiphertext(ct)), proof: toBase64Url(encodeDisjunctiveProof(proof)) };
  });
  const ballot: UnsignedBallotJson = { election: ctx.manifest.electionId, credential: credentialText, contests };
  return { ballot, trackingCode: ballotTrackingCode(ctx, ballot), audit: { choices: [...choices], randomness } };
}

/**
 * Algorithm 8.2 SignBallot: the credential key signs the ballot, which can then be cast. Only the
 * booth does this, and only when the voter casts; Ed25519 is deterministic, so signing the same
 * ballot again gives the same bytes (a resubmission after a lost answer, §13.4).
 */
export function signBallot(ctx: ElectionContext, ballot: UnsignedBallotJson, credential: SigningKeyPair): BallotJson {
  if (toBase64Url(signingPublicKey(credential.secretKey)) !== ballot.credential) {
    throw new RangeError('the key is not the credential the ballot was encrypted for');
  }
  const unsigned = unsignedPart(ballot);
  const signature = sign('ballot', ballotSigningMessage(ctx, unsigned), credential.secretKey);
  return { ...unsigned, signature: toBase64Url(signature) };
}

/**
 * Algorithms 8.1 and 8.2 at once, for a voter who casts without being offered an audit (the
 * demo's simulated voters, tests, benchmarks). The booth never uses it.
 */
export function encryptAndSignBallot(
  ctx: ElectionContext,
  credential: SigningKeyPair,
  choices: readonly number[],
): BallotJson {
  return signBallot(ctx, encryptBallot(ctx, credential.publicKey, choices).ballot, credential);
}

/** An unsigned ballot whose every element is decoded and whose structure matches the election. */
export interface DecodedUnsignedBallot {
  readonly ballot: UnsignedBallotJson;
  readonly credential: Uint8Array;
  readonly ciphertexts: CiphertextRow;
  readonly proofs: readonly DisjunctiveProof[];
}

/** A ballot as cast, decoded: with its signature. */
export interface DecodedBallot extends DecodedUnsignedBallot {
  readonly ballot: BallotJson;
  readonly signature: Uint8Array;
}

/**
 * §8.3 steps 1–3: structure, election, sizes and canonical encodings — every element decoded
 * (in one batch) and none the identity — before any algebra. A rejection is a Verification.
 */
export function decodeBallot(ctx: ElectionContext, input: unknown): DecodedBallot | Verification {
  const parsed = BallotSchema.safeParse(input);
  if (!parsed.success) {
    if (UnsignedBallotSchema.safeParse(input).success) return invalid(BALLOT_NOT_SIGNED);
    return malformed(parsed.error);
  }
  const decoded = decodeContents(ctx, parsed.data);
  if (!isDecoded(decoded)) return decoded;
  try {
    return { ...decoded, ballot: parsed.data, signature: fromBase64Url(parsed.data.signature, 64) };
  } catch (e) {
    if (e instanceof InvalidEncodingError || e instanceof RangeError) return invalid(`V08.05 ${e.message}`);
    throw e;
  }
}

/** decodeBallot for an unsigned ballot (audit data, §8.5): one with a signature is malformed. */
export function decodeUnsignedBallot(ctx: ElectionContext, input: unknown): DecodedUnsignedBallot | Verification {
  const parsed = UnsignedBallotSchema.safeParse(input);
  return parsed.success ? decodeContents(ctx, parsed.data) : malformed(parsed.error);
}

function malformed(error: z.ZodError): Verification {
  return invalid(`V08.01 malformed ballot: ${error.issues[0]?.message ?? 'invalid'}`);
}

function decodeContents(ctx: ElectionContext, ballot: UnsignedBallotJson): DecodedUnsignedBallot | Verification {
  if (ballot.election !== ctx.manifest.electionId) return invalid('V08.02 ballot for another election');
  if (ballot.contests.length !== ctx.contests.length) return invalid('V08.03 wrong number of contests');
  try {
    const credential = fromBase64Url(ballot.credential, 32);
    if (!isValidSigningPublicKey(credential)) return invalid('V08.04 invalid credential key');
    // All elements of the ballot in one list: per contest A, B, then a_j, b_j of every branch.
    const encodings: Uint8Array[] = [];
    const proofBytes: Uint8Array[] = [];
    ctx.contests.forEach(({ elements }, i) => {
      const item = ballot.contests[i]!;
      const ct = fromBase64Url(item.ciphertext, 64);
      encodings.push(ct.subarray(0, 32), ct.subarray(32, 64));
      const proof = fromBase64Url(item.proof, elements.length * BRANCH_SIZE);
      proofBytes.push(proof);
      for (let j = 0; j < elements.length; j++) {
        encodings.push(proof.subarray(j * BRANCH_SIZE, j * BRANCH_SIZE + 32));
        encodings.push(proof.subarray(j * BRANCH_SIZE + 32, j * BRANCH_SIZE + 64));
      }
    });
    const points = GroupElement.decodeMany(encodings, { nonIdentity: true });
    const ciphertexts: Ciphertext[] = [];
    const proofs: DisjunctiveProof[] = [];
    let at = 0;
    ctx.contests.forEach(({ elements }, i) => {
      ciphertexts.push({ a: points[at]!, b: points[at + 1]! });
      at += 2;
      const bytes = proofBytes[i]!;
      proofs.push(
        elements.map((_, j) => {
          const branch = {
            a: points[at]!,
            b: points[at + 1]!,
            c: scalar.decode(bytes.subarray(j * BRANCH_SIZE + 64, j * BRANCH_SIZE + 96)),
            s: scalar.decode(bytes.subarray(j * BRANCH_SIZE + 96, j * BRANCH_SIZE + 128)),
          };
          at += 2;
          return branch;
        }),
      );
    });
    return { ballot, credential, ciphertexts, proofs };
  } catch (e) {
    if (e instanceof InvalidEncodingError || e instanceof RangeError) return invalid(`V08.05 ${e.message}`);
    throw e;
  }
}

function isDecoded<T extends DecodedUnsignedBallot>(x: T | Verification): x is T {
  return 'ciphertexts' in x;
}

/** §8.3 step 7 (V08.07): the challenge sums; returns the proof equations of the ballot. */
function ballotEquations(ctx: ElectionContext, d: DecodedUnsignedBallot): Equation[] | Verification {
  const equations: Equation[] = [];
  for (let i = 0; i < ctx.contests.length; i++) {
    const eqs = disjunctiveEquations(
      contestProofContext(ctx, d.credential, i),
      ctx.electionKey,
      d.ciphertexts[i]!,
      ctx.contests[i]!.elements,
      d.proofs[i]!,
    );
    if (eqs === null) return invalid(`V08.07 contest ${i}: the proof's challenges do not add up`);
    equations.push(...eqs);
  }
  return equations;
}

/** Algorithm 8.3 VerifyBallot, for one ballot. */
export function verifyBallot(ctx: ElectionContext, input: unknown): Verification {
  return verifyBallots(ctx, [input])[0]!;
}

/**
 * Algorithm 8.6 VerifyUnsignedBallot (§8.3, for the audit of §8.5): Algorithm 8.3 on an unsigned
 * ballot, every check but V08.06. It says that the encryption and its proofs are sound, never that
 * the ballot can be cast.
 */
export function verifyUnsignedBallot(ctx: ElectionContext, input: unknown): Verification {
  const d = decodeUnsignedBallot(ctx, input);
  if (!isDecoded(d)) return d;
  const equations = ballotEquations(ctx, d);
  if (!Array.isArray(equations)) return equations;
  const results: Verification[] = [];
  settleProofs([{ index: 0, equations }], results);
  return results[0]!;
}

/**
 * Algorithm 8.3 for many ballots. Each is decoded on its own; then the signatures of all of them
 * are checked in one batch (§6.5) and the proof equations of all of them in another (§5.4). A
 * failing batch is split in halves until the ballots at fault are found, so one bad ballot never
 * causes a good one to be rejected, and the result for each ballot is what VerifyBallot gives.
 */
export function verifyBallots(ctx: ElectionContext, inputs: readonly unknown[]): Verification[] {
  const results: Verification[] = new Array(inputs.length);
  const decoded: { index: number; d: DecodedBallot }[] = [];
  inputs.forEach((input, index) => {
    const d = decodeBallot(ctx, input);
    if (isDecoded(d)) decoded.push({ index, d });
    else results[index] = d;
  });
  const signatures = verifySignatures(
    decoded.map(({ d }) => ({
      purpose: 'ballot' as const,
      message: ballotSigningMessage(ctx, d.ballot),
      signature: d.signature,
      publicKey: d.credential,
    })),
  );
  const pending: PendingProofs[] = [];
  decoded.forEach(({ index, d }, i) => {
    if (!signatures[i]) {
      results[index] = invalid('V08.06 the credential signature does not verify');
      return;
    }
    const equations = ballotEquations(ctx, d);
    if (Array.isArray(equations)) pending.push({ index, equations });
    else results[index] = equations as Verification;
  });
  settleProofs(pending, results);
  return results;
}

interface PendingProofs {
  readonly index: number;
  readonly equations: readonly Equation[];
}

/** §8.3 step 8 (V08.08) for a group of ballots: one batch, split in halves while it fails. */
function settleProofs(group: readonly PendingProofs[], results: Verification[]): void {
  if (group.length === 0) return;
  const batch = new BatchVerifier();
  for (const p of group) for (const e of p.equations) batch.add(e);
  if (batch.verify()) {
    for (const p of group) results[p.index] = VALID;
  } else if (group.length === 1) {
    results[group[0]!.index] = invalid('V08.08 a validity proof does not verify');
  } else {
    const half = group.length >> 1;
    settleProofs(group.slice(0, half), results);
    settleProofs(group.slice(half), results);
  }
}

/** The ciphertexts of a ballot that verified (for the mix input, §14). */
export function ballotCiphertexts(ctx: ElectionContext, ballot: BallotJson): CiphertextRow {
  const d = decodeBallot(ctx, ballot);
  if (!isDecoded(d)) throw new RangeError(d.valid ? 'unreachable' : d.reason);
  return d.ciphertexts;
}

/**
 * Algorithm 8.5 AuditBallot (Benaloh challenge): checks that every ciphertext of the unsigned
 * ballot is the encryption of the stated choice with the stated randomness, and returns the
 * choices; anyone can run it on a ballot the voter chose to audit (which is never signed, so never
 * cast).
 */
export function auditBallot(
  ctx: ElectionContext,
  ballot: UnsignedBallotJson,
  audit: BallotAudit,
): { valid: true; choices: readonly number[] } | { valid: false; reason: string } {
  const d = decodeUnsignedBallot(ctx, ballot);
  if (!isDecoded(d)) return { valid: false, reason: d.valid ? 'unreachable' : d.reason };
  if (audit.choices.length !== ctx.contests.length || audit.randomness.length !== ctx.contests.length) {
    return { valid: false, reason: 'V08.09 the audit data does not match the ballot' };
  }
  for (let i = 0; i < ctx.contests.length; i++) {
    const choice = audit.choices[i]!;
    const elements = ctx.contests[i]!.elements;
    if (!Number.isInteger(choice) || choice < 0 || choice >= elements.length) {
      return { valid: false, reason: `V08.09 contest ${i}: no such choice` };
    }
    let r: scalar.Scalar;
    try {
      r = scalar.decode(fromBase64Url(audit.randomness[i]!, 32));
    } catch {
      return { valid: false, reason: `V08.09 contest ${i}: malformed randomness` };
    }
    const ct = d.ciphertexts[i]!;
    const expectedA = generatorBase().multiply(r);
    const expectedB = ctx.electionKey.multiply(r).add(elements[choice]!);
    if (!ct.a.equals(expectedA) || !ct.b.equals(expectedB)) {
      return { valid: false, reason: `V08.09 contest ${i}: the ciphertext does not encrypt the stated choice` };
    }
  }
  return { valid: true, choices: audit.choices };
}
