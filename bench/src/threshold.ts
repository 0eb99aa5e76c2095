// Threshold decryption benchmark (docs/SPEC.md §10): one trustee's partial decryption of N
// ciphertexts with its batched proof, its verification, and the combination of k partials.
//   npm run bench -- threshold [--n N] [--json]
// Single thread: the per-ciphertext work (decryptionSharesOfSlice) is written to be spread over
// worker threads once crypto/src/parallel exists.
import { keyShares, makeElection, runCeremony } from '@evotare/crypto/dkg/_fixtures';
import { verifyCeremony } from '@evotare/crypto/dkg/ceremony';
import { EncryptionKey, encrypt } from '@evotare/crypto/elgamal';
import { manifestHash, optionElements } from '@evotare/crypto/manifest';
import { ciphertextList } from '@evotare/crypto/threshold/ciphertext-list';
import { combinePartialDecryptions } from '@evotare/crypto/threshold/combine';
import { createPartialDecryption, verifyPartialDecryption } from '@evotare/crypto/threshold/messages';
import { decryptionShares } from '@evotare/crypto/threshold/partial-decryption';

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a positive integer`);
  return value;
}

function time<T>(f: () => T): [T, number] {
  const start = performance.now();
  const out = f();
  return [out, performance.now() - start];
}

export async function run(args: string[]): Promise<void> {
  const n = option(args, '--n', 10_000);
  const json = args.includes('--json');

  const election = makeElection(3, 2);
  const ceremony = runCeremony(election);
  const outcome = verifyCeremony(election.manifest, ceremony.messages);
  if (!outcome.valid) throw new Error(outcome.reason);
  const shares = keyShares(election, ceremony);
  const key = new EncryptionKey(outcome.electionKey);
  const h = manifestHash(election.manifest);
  const [president] = election.manifest.contests.map((c) => optionElements(election.manifest, c));
  const rows = Array.from({ length: n }, (_, i) => [encrypt(key, president![i % president!.length]!)]);
  const list = ciphertextList(rows);

  const partialFor = (j: number) => {
    const x = shares.get(j)!;
    const trustee = { manifestHash: h, index: j, verificationKey: outcome.verificationKeys[j - 1]! };
    const signingKey = election.trustees[j - 1]!.secret.signingKey;
    return time(() => {
      const d = decryptionShares(x, list);
      return createPartialDecryption(h, election.manifest.electionId, trustee, list, d, x, signingKey);
    });
  };
  const [first, proveMs] = partialFor(1);
  const [second] = partialFor(2);
  const [verified, verifyMs] = time(() =>
    verifyPartialDecryption(election.manifest, outcome.verificationKeys, list, first),
  );
  if ('error' in verified) throw new Error('the partial decryption does not verify');
  const other = verifyPartialDecryption(election.manifest, outcome.verificationKeys, list, second);
  if ('error' in other) throw new Error('the partial decryption does not verify');
  const [plain, combineMs] = time(() => combinePartialDecryptions(list, [verified.verified, other.verified], 2));
  for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 100))) {
    if (!plain[i]![0]!.equals(president![i % president!.length]!)) throw new Error(`row ${i} decrypts wrongly`);
  }

  const result = {
    n,
    trustees: { n: 3, k: 2 },
    partial_decrypt_ms_per_ct: proveMs / n,
    partial_decrypt_verify_ms_per_ct: verifyMs / n,
    combine_ms_per_ct: combineMs / n,
    threads: 1,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`threshold decryption, N = ${n} ciphertexts, one thread`);
  console.table({
    'partial decryption + proof': { 'ms / ciphertext': result.partial_decrypt_ms_per_ct.toFixed(4) },
    'verification of a partial': { 'ms / ciphertext': result.partial_decrypt_verify_ms_per_ct.toFixed(4) },
    'combination of k = 2': { 'ms / ciphertext': result.combine_ms_per_ct.toFixed(4) },
  });
  console.log(`peak RSS ${result.peak_rss_mb} MB`);
}
