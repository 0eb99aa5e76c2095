// Tests' stand-in for the trustees' decryption of the final mixed list (docs/SPEC.md §10): k
// local trustees make verified partial decryptions (crypto/src/threshold), which are combined and
// decoded. Returns each row's choices, as indices into each contest's choices (§7.3), -1 for none.
import { fromBase64Url } from '@evotare/crypto/bytes';
import { GroupElement } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import { manifestHash } from '@evotare/crypto/manifest';
import { decodeRowList, type RowList } from '@evotare/crypto/shuffle/rows';
import { ciphertextList } from '@evotare/crypto/threshold/ciphertext-list';
import { combinePartialDecryptions } from '@evotare/crypto/threshold/combine';
import { decodePlaintexts } from '@evotare/crypto/threshold/decode';
import { createPartialDecryption, verifyPartialDecryption } from '@evotare/crypto/threshold/messages';
import { decryptionShares } from '@evotare/crypto/threshold/partial-decryption';
import type { LocalTrustee } from '../ceremony/local-trustees.ts';

export function decryptWithTrustees(
  manifest: Manifest,
  verificationKeys: readonly string[],
  trustees: readonly LocalTrustee[],
  final: RowList,
): number[][] {
  if (final.count === 0) return [];
  const list = ciphertextList(decodeRowList(final));
  const vks = verificationKeys.map((k) => GroupElement.decode(fromBase64Url(k, 32)));
  const partials = trustees.slice(0, manifest.trustees.threshold).map((t) => {
    const message = createPartialDecryption({
      electionId: manifest.electionId,
      trustee: { manifestHash: manifestHash(manifest), index: t.index, verificationKey: vks[t.index - 1]! },
      list,
      shares: decryptionShares(t.secretShare!, list),
      secretShare: t.secretShare!,
      signingKey: t.keys.secret.signingKey,
    });
    const v = verifyPartialDecryption(manifest, vks, list, message);
    if ('error' in v) throw new Error(v.error.valid ? 'unexpected' : v.error.reason);
    return v.verified;
  });
  const plaintexts = combinePartialDecryptions(list, partials, manifest.trustees.threshold);
  return decodePlaintexts(manifest, plaintexts).map((row) =>
    row.map((choice, c) => {
      const contest = manifest.contests[c]!;
      if (choice.kind === 'option') return contest.options.findIndex((o) => o.id === choice.optionId);
      return choice.kind === 'blank' ? contest.options.length : -1;
    }),
  );
}

/** Rows of choices as a sorted list of strings, to compare multisets. */
export function multiset(rows: readonly (readonly number[])[]): string[] {
  return rows.map((r) => r.join(',')).sort();
}
