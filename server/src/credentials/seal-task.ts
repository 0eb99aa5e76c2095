// The slow hash of activation codes (SPEC §13.3) as a task for the server's worker threads
// (../workers.ts): issuing a batch of 1,000 codes spends ~1,000 scrypt computations, which run on
// every core this way, while the main thread keeps answering requests. The thread pool of libuv,
// which the asynchronous scrypt would use, is left to the file system and DNS.
import { randomBytes, scryptSync } from 'node:crypto';
import { defineTask } from '@evotare/crypto/parallel/task';
import { normalizeActivationCode, paramsText, type ScryptParams, scryptMaxmem } from './activation-code.ts';

export interface SealedCode {
  readonly hash: Uint8Array;
  readonly salt: Uint8Array;
  readonly params: string;
}

/** Seals each code of the chunk: a fresh 16-byte salt and scrypt(canonical code, salt, N, r, p, 32). */
export const sealActivationCodes = defineTask(
  import.meta.url,
  'sealActivationCodes',
  (input: { codes: readonly string[]; N: number; r: number; p: number }) => {
    const params: ScryptParams = { N: input.N, r: input.r, p: input.p };
    return input.codes.map((code) => {
      const canonical = normalizeActivationCode(code);
      if (canonical === null) throw new Error('not an activation code');
      const salt = new Uint8Array(randomBytes(16));
      const hash = new Uint8Array(scryptSync(canonical, salt, 32, { ...params, maxmem: scryptMaxmem(params) }));
      return { hash, salt, params: paramsText(params) };
    });
  },
);
