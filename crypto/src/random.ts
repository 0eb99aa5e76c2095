// Random numbers from the platform CSPRNG (docs/SPEC.md §2.2), in any quantity: getRandomValues
// gives at most 65,536 bytes per call, so larger requests are filled in pieces.

const MAX_WORDS_PER_CALL = 65536 / 8;

/** `count` uniformly random 64-bit words. */
export function randomWords(count: number): BigUint64Array {
  const words = new BigUint64Array(count);
  for (let at = 0; at < count; at += MAX_WORDS_PER_CALL) {
    crypto.getRandomValues(words.subarray(at, at + MAX_WORDS_PER_CALL));
  }
  return words;
}

/** `count` uniformly random non-zero 128-bit integers: the weights of batch verification (§5.4, §6.5). */
export function randomWeights128(count: number): bigint[] {
  const words = randomWords(2 * count);
  const out: bigint[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let z = (words[2 * i]! << 64n) | words[2 * i + 1]!;
    while (z === 0n) {
      const [hi, lo] = randomWords(2);
      z = (hi! << 64n) | lo!;
    }
    out[i] = z;
  }
  return out;
}
