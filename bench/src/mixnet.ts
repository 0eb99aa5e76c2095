// npm run bench -- mixnet [--n N] [--width W] [--json]: one mix node's shuffle with its proof, and
// the proof's verification, on all cores (issue 3). Default N = 10,000 rows of width 1.
//
// Figures per ciphertext (N·w of them): shuffle_prove is GenShuffle + GenShuffleProof (§11.3,
// §11.5); shuffle_verify is CheckShuffleProof from the proof's JSON text, decoding included (§11.6,
// §11.7). The partial-decryption figures are those of `npm run bench -- threshold` (one trustee of
// a (3, 2) ceremony, one thread) over the same number of ciphertexts.
import { parseArgs } from 'node:util';
import { manifestHash, manifestKey, optionElements } from '@evotare/crypto/manifest';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { checkEncodedShuffleProof, encodeShuffleProof } from '@evotare/crypto/shuffle/encoding';
import { genShuffleProof, type ShuffleStatement } from '@evotare/crypto/shuffle/proof';
import { rowList } from '@evotare/crypto/shuffle/rows';
import { genShuffle } from '@evotare/crypto/shuffle/shuffle';
import { electionKeyPair, syntheticManifest } from './_fixtures.ts';
import { report } from './_report.ts';
import { measureThreshold } from './threshold.ts';

/** N rows of w fresh encryptions of options (encrypting is re-encrypting (O, M)). */
async function ballotRows(count: number, width: number, key: ReturnType<typeof electionKeyPair>, pool: WorkerPool) {
  const manifest = syntheticManifest(12);
  const options = optionElements(manifest, manifest.contests[0]!).map((m) => m.encode());
  const trivial = new Uint8Array(count * width * 64); // A = identity (32 zero bytes), B = M
  for (let i = 0; i < count * width; i++) trivial.set(options[i % options.length]!, i * 64 + 32);
  return (await genShuffle(key.publicKey.element, rowList(trivial, width), pool)).output;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      n: { type: 'string', default: '10000' },
      width: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.n);
  const width = Number(values.width);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(width) || width < 1) {
    throw new Error('--n and --width must be positive integers');
  }
  const pool = new WorkerPool();
  try {
    const key = electionKeyPair();
    const manifest = syntheticManifest(12, 'bench-mixnet');
    const ctx = {
      manifestHash: manifestHash(manifest),
      mixNode: { index: 0, publicKey: manifestKey(manifest.mixNodes[0]!.signingKey) },
    };
    const input = await ballotRows(count, width, key, pool);
    const ciphertexts = count * width;

    const started = performance.now();
    const { output, witness } = await genShuffle(key.publicKey.element, input, pool);
    const shuffled = performance.now();
    const st: ShuffleStatement = { ...ctx, electionKey: key.publicKey.element, input, output };
    const proof = await genShuffleProof(st, witness, pool);
    const proven = performance.now();

    const text = JSON.stringify(encodeShuffleProof(proof));
    const verifyStart = performance.now();
    const result = await checkEncodedShuffleProof(st, JSON.parse(text), pool);
    const verified = performance.now();
    if (!result.valid) throw new Error(`the benchmark proof does not verify: ${result.reason}`);
    const threshold = measureThreshold(ciphertexts);

    report(
      `Mix node: shuffle with proof and its verification, ${pool.size} worker threads (npm run bench -- mixnet)`,
      {
        n: count,
        width,
        threads: pool.size,
        shuffle_prove_ms_per_ct: (proven - started) / ciphertexts,
        shuffle_only_ms_per_ct: (shuffled - started) / ciphertexts,
        shuffle_verify_ms_per_ct: (verified - verifyStart) / ciphertexts,
        proof_json_mb: text.length / 2 ** 20,
        partial_decrypt_ms_per_ct: threshold.partial_decrypt_ms_per_ct!,
        partial_decrypt_verify_ms_per_ct: threshold.partial_decrypt_verify_ms_per_ct!,
        partial_decrypt_threads: threshold.threads!,
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      values.json,
    );
  } finally {
    await pool.close();
  }
}
