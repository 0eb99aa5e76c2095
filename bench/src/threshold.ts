// npm run bench -- threshold [--n N] [--json]: threshold decryption (docs/SPEC.md §10) after a real
// (3, 2) key ceremony — one trustee's partial decryption of N ciphertexts with its batched proof,
// the verification of that partial decryption, and the combination of k = 2 partials.
// One thread: the per-ciphertext work (decryptionSharesOfSlice) is a pure function over slices of
// bytes, ready for the worker pool of crypto/src/parallel once that is on main.
import { parseArgs } from 'node:util';
import { keyShares, makeElection, runCeremony } from '@evotare/crypto/dkg/_fixtures';
import { verifyCeremony } from '@evotare/crypto/dkg/ceremony';
import { EncryptionKey, encrypt } from '@evotare/crypto/elgamal';
import { manifestHash, optionElements } from '@evotare/crypto/manifest';
import { ciphertextList } from '@evotare/crypto/threshold/ciphertext-list';
import { combinePartialDecryptions } from '@evotare/crypto/threshold/combine';
import { createPartialDecryption, verifyPartialDecryption } from '@evotare/crypto/threshold/messages';
import { decryptionShares } from '@evotare/crypto/threshold/partial-decryption';
import { report } from './_report.ts';

function elapsed<T>(f: () => T): [T, number] {
  const start = performance.now();
  const out = f();
  return [out, performance.now() - start];
}

/** The figures for N ciphertexts of width 1; also usable by a combined mix-net benchmark. */
export function measureThreshold(n: number): Record<string, number> {
  const election = makeElection(3, 2);
  const ceremony = runCeremony(election);
  const outcome = verifyCeremony(election.manifest, ceremony.messages);
  if (!outcome.valid) throw new Error(outcome.reason);
  const shares = keyShares(election, ceremony);
  const key = new EncryptionKey(outcome.electionKey);
  const h = manifestHash(election.manifest);
  const options = optionElements(election.manifest, election.manifest.contests[0]!);
  const list = ciphertextList(Array.from({ length: n }, (_, i) => [encrypt(key, options[i % options.length]!)]));

  const partialOf = (j: number) => {
    const x = shares.get(j)!;
    const trustee = { manifestHash: h, index: j, verificationKey: outcome.verificationKeys[j - 1]! };
    const signingKey = election.trustees[j - 1]!.secret.signingKey;
    const electionId = election.manifest.electionId;
    return elapsed(() =>
      createPartialDecryption({
        electionId,
        trustee,
        list,
        shares: decryptionShares(x, list),
        secretShare: x,
        signingKey,
      }),
    );
  };
  const verify = (message: unknown) => {
    const r = verifyPartialDecryption(election.manifest, outcome.verificationKeys, list, message);
    if ('error' in r) throw new Error('a benchmark partial decryption does not verify');
    return r.verified;
  };

  const [first, proveMs] = partialOf(1);
  const [second] = partialOf(2);
  const [verified, verifyMs] = elapsed(() => verify(first));
  const [plain, combineMs] = elapsed(() => combinePartialDecryptions(list, [verified, verify(second)], 2));
  for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 100))) {
    if (!plain[i]![0]!.equals(options[i % options.length]!)) throw new Error(`row ${i} decrypts wrongly`);
  }
  return {
    n,
    partial_decrypt_ms_per_ct: proveMs / n,
    partial_decrypt_verify_ms_per_ct: verifyMs / n,
    combine_k2_ms_per_ct: combineMs / n,
    threads: 1,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { n: { type: 'string', default: '10000' }, json: { type: 'boolean', default: false } },
  });
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 1) throw new Error('--n needs a positive integer');
  report(
    `Threshold decryption, N = ${n}, one trustee of a (3, 2) ceremony, one thread (npm run bench -- threshold)`,
    measureThreshold(n),
    values.json,
  );
}
