// What the whole-system tests of the booth's logic share: a device's storage kept in memory, and a
// sample voter's activation as the booth's form reads it.
import { type ActivationClaim, readActivationForm } from '@evotare/client/src/activation.ts';
import type { KeyValueStorage } from '@evotare/client/src/credential-store.ts';
import type { SampleVoter } from '@evotare/server/src/sample.ts';

/** A device's local storage, in memory. */
export function memoryStorage(): KeyValueStorage & { readonly size: number } {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    get size() {
      return map.size;
    },
  };
}

/** The voter's IDNP, date of birth and `code` (their letter's, by default), typed into the form. */
export function activationClaim(v: SampleVoter, code = v.code): ActivationClaim {
  const [year, month, day] = v.birthDate.split('-') as [string, string, string];
  const read = readActivationForm({ idnp: v.idnp, day, month, year, code });
  if (!read.ok) throw new Error(`bad form ${JSON.stringify(read.errors)}`);
  return read.claim;
}
