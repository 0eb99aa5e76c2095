// From plaintext elements back to choices (docs/SPEC.md §10.6, Algorithm 10.8 DecodePlaintext):
// a table lookup of each contest's option elements (Algorithm 7.2 OptionElements: options in
// manifest order, then blank where allowed). An element that is no choice of its contest is
// reported as invalid; it never stops the count.
import { toHex } from '../bytes.ts';
import type { GroupElement } from '../group.ts';
import { type Manifest, optionElements } from '../manifest.ts';

export type DecodedChoice =
  | { readonly kind: 'option'; readonly optionId: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'invalid' };

/** One lookup table per contest, keyed by the hex encoding of the element. */
export class PlaintextDecoder {
  readonly #tables: Map<string, DecodedChoice>[];

  constructor(manifest: Manifest) {
    this.#tables = manifest.contests.map((contest) => {
      const elements = optionElements(manifest, contest);
      const table = new Map<string, DecodedChoice>();
      elements.forEach((e, at) => {
        const option = contest.options[at];
        table.set(
          toHex(e.encode()),
          option === undefined ? { kind: 'blank' } : { kind: 'option', optionId: option.id },
        );
      });
      return table;
    });
  }

  /** Algorithm 10.8 DecodePlaintext for one row: one choice per contest, in manifest order. */
  decodeRow(row: readonly GroupElement[]): DecodedChoice[] {
    if (row.length !== this.#tables.length) {
      throw new RangeError(`a row has one element per contest (${this.#tables.length}), got ${row.length}`);
    }
    return row.map((e, c) => this.#tables[c]!.get(toHex(e.encode())) ?? { kind: 'invalid' });
  }
}

/** Decodes every row of a combined decryption. */
export function decodePlaintexts(manifest: Manifest, rows: readonly (readonly GroupElement[])[]): DecodedChoice[][] {
  const decoder = new PlaintextDecoder(manifest);
  return rows.map((row) => decoder.decodeRow(row));
}
