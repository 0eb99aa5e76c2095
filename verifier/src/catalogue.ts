// The checks the verifier runs, in the order it reports them: table T15 of docs/SPEC.md §15.
import { TALLY_CATALOGUE } from './tally.ts';

const BOARD_CATALOGUE: ReadonlyArray<readonly [string, string]> = [
  ['V12.01', 'the export is well-formed'],
  ['V12.02', 'entries are numbered 0 … n−1'],
  ['V12.03', 'every entry has a known type and a payload of its form'],
  ['V12.04', 'times are well-formed and never go back'],
  ['V12.05', 'every entry links to the one before'],
  ['V12.06', 'every entry hash is right'],
  ['V12.07', 'entry 0 is the only manifest, and it is valid'],
  ['V12.08', 'the final tree head is signed by the CEC and covers the whole board'],
  ['V12.09', 'the final tree head’s root is the Merkle root of the entries'],
  ['V12.10', 'tree-heads.jsonl lists the heads the CEC signed, in order, once, each a prefix of this board'],
  ['V12.11', 'every observer co-signature verifies, of a head the CEC signed'],
  ['V12.12', 'the entries come in the order of the election’s life'],
  ['V09.01', 'the trustees’ keys are acceptable'],
  ['V09.02', 'every ceremony message is valid (V09.02 – V09.09)'],
  ['V09.10', 'qualified dealers answered every complaint (V09.10 – V09.12)'],
  ['V09.13', 'at least k dealers are qualified'],
  ['V09.14', 'the election key is the ceremony’s outcome'],
  ['V09.15', 'the verification keys are the ceremony’s outcome'],
  ['V13.01', 'the electoral roll entries are well-formed'],
  ['V13.02', 'every credential is signed by the CEC for this election'],
  ['V13.03', 'no credential is issued twice'],
  ['V13.04', 'every revocation is signed, names an issued credential, once, before the close'],
  ['V13.05', 'live credentials never outnumber the roll'],
  ['V13.06', 'every ballot verifies (V08.01 – V08.08)'],
  ['V13.07', 'every ballot’s credential was issued and not revoked when it was cast'],
  ['V13.08', 'no two ballots have the same tracking code'],
  ['V13.09', 'the ballots that count: the last of each credential live at the close'],
];

export const CATALOGUE: ReadonlyArray<readonly [string, string]> = [...BOARD_CATALOGUE, ...TALLY_CATALOGUE];
