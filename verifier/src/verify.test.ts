// The verifier against synthetic boards: an honest one passes every check, and each tamper —
// one field changed, with every other check kept passing where possible — fails its own check.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentRef } from '@evotare/crypto/attachment';
import { type BallotJson, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { cosignTreeHead, decodeSignedTreeHead } from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { canonicalize, type JsonValue } from '@evotare/crypto/canonical-json';
import { encodeSignedCredential, signCredential } from '@evotare/crypto/credential';
import { GroupElement } from '@evotare/crypto/group';
import { manifestHash } from '@evotare/crypto/manifest';
import { WorkerPool } from '@evotare/crypto/parallel/pool';
import { generateSigningKey, sign } from '@evotare/crypto/signature';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { signMixOutput } from '@evotare/crypto/tally/mix-output';
import { resultMessage } from '@evotare/crypto/tally/result';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Item,
  receiptFor,
  type SyntheticElection,
  syntheticElection,
  tallySyntheticElection,
  writeExport,
} from './_fixtures.ts';
import type { Outcome } from './report.ts';
import { verifyBoardExport } from './verify.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Voting only, up to the close: for the checks of the board, the ceremony and eligibility. */
const election = syntheticElection(6);
/** The same kind of election, tallied: mix input, two shuffles, two partial decryptions, result. */
const tallied = syntheticElection(5);
await tallySyntheticElection(tallied);

function exportOf(items: readonly Item[], e: SyntheticElection = election): string {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-verify-'));
  dirs.push(dir);
  writeExport(dir, e, items);
  return dir;
}

async function outcomes(dir: string): Promise<Record<string, Outcome>> {
  const { report } = await verifyBoardExport(dir);
  return Object.fromEntries(report.results.map((r) => [r.id, r.outcome]));
}

/** The checks that failed, and nothing else. */
async function failed(dir: string): Promise<string[]> {
  const { report } = await verifyBoardExport(dir);
  return report.results.filter((r) => r.outcome === 'failed').map((r) => r.id);
}

function decodeHead(json: unknown) {
  const d = decodeSignedTreeHead(json);
  if ('error' in d) throw new Error('not a tree head');
  return d.value;
}

function replace(items: readonly Item[], at: number, item: Item): Item[] {
  return items.map((x, i) => (i === at ? item : x));
}

const indexOf = (type: string, nth = 0) =>
  election.items.map((x, i) => (x.type === type ? i : -1)).filter((i) => i >= 0)[nth]!;

function editLine(dir: string, seq: number, change: (entry: Record<string, JsonValue>) => void): void {
  const file = join(dir, 'entries', '0000000000.jsonl');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const entry = JSON.parse(lines[seq]!);
  change(entry);
  lines[seq] = canonicalize(entry);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('the verifier (§15)', () => {
  it('passes an honest, tallied board, every check', async () => {
    const { report } = await verifyBoardExport(exportOf(tallied.items, tallied));
    expect(report.results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    expect(report.results.find((r) => r.id === 'V13.09')?.summary).toMatch(/^4 ballots count, 1 replaced/);
    expect(report.results.find((r) => r.id === 'V14.19')?.summary).toMatch(/^4 ballots decrypted/);
  });

  it('passes the same board when the proofs are checked on worker threads', async () => {
    await using pool = new WorkerPool({ size: 2 });
    const { report } = await verifyBoardExport(exportOf(tallied.items, tallied), { pool });
    expect(report.failed + report.notRun).toBe(0);
  });

  it('says the tally cannot be checked yet on a board that stops at the close', async () => {
    const o = await outcomes(exportOf(election.items));
    expect(o['V13.09']).toBe('passed');
    expect(o['V14.03']).toBe('not-run');
    expect(o['V14.19']).toBe('not-run');
  });

  it('V09.13: a board that stops during the ceremony is not judged on dealers who have not dealt yet', async () => {
    const midCeremony = election.items.slice(0, indexOf('dkg-shares') + 1);
    expect(midCeremony.some((x) => x.type === 'election-key')).toBe(false);
    const o = await outcomes(exportOf(midCeremony));
    expect(Object.entries(o).filter(([, outcome]) => outcome === 'failed')).toEqual([]);
    expect(o['V09.02']).toBe('passed');
    expect(o['V09.13']).toBe('not-run');
    expect(o['V09.14']).toBe('not-run');
  });

  it('V12.01: a wrong FORMAT, and a line that is not the canonical JSON of its entry', async () => {
    const dir = exportOf(election.items);
    writeFileSync(join(dir, 'FORMAT'), 'something else\n');
    expect(await failed(dir)).toEqual(['V12.01']);
    const dir2 = exportOf(election.items);
    const file = join(dir2, 'entries', '0000000000.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{"hash"', '{ "hash"'));
    expect(await failed(dir2)).toContain('V12.01');
    // a head of tree-heads.jsonl, the same head, but not in JCS form
    const dir3 = exportOf(election.items);
    const heads = join(dir3, 'tree-heads.jsonl');
    writeFileSync(heads, readFileSync(heads, 'utf8').replace('{"electionId"', '{ "electionId"'));
    expect(await failed(dir3)).toEqual(['V12.01']);
  });

  it('V12.02 and V12.05: an entry removed from the middle', async () => {
    const dir = exportOf(election.items);
    const file = join(dir, 'entries', '0000000000.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.splice(10, 1);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const f = await failed(dir);
    expect(f).toContain('V12.02');
    expect(f).toContain('V12.05');
  });

  it('V12.06: an entry whose payload changed after it was hashed', async () => {
    const dir = exportOf(election.items);
    editLine(dir, indexOf('roll'), (e) => {
      (e.payload as Record<string, JsonValue>).size = 1000;
    });
    expect(await failed(dir)).toEqual(expect.arrayContaining(['V12.06']));
  });

  it('V12.04: time that goes back', async () => {
    const dir = exportOf(election.items);
    editLine(dir, 5, (e) => {
      e.time = '2020-01-01T00:00:00.000Z';
    });
    expect(await failed(dir)).toContain('V12.04');
  });

  it('V12.03: a payload not of its type’s form', async () => {
    const at = indexOf('credential-issued');
    const bad = { ...(election.items[at]!.payload as Record<string, JsonValue>) };
    delete bad.signature;
    // the voter's ballot then has no validly issued credential either
    const f = await failed(exportOf(replace(election.items, at, { type: 'credential-issued', payload: bad })));
    expect(f).toEqual(['V12.03', 'V13.07']);
  });

  it('V12.07: a second manifest', async () => {
    const items = [...election.items];
    items.splice(3, 0, election.items[0]!);
    expect(await failed(exportOf(items))).toContain('V12.12');
  });

  it('V12.08 – V12.10: heads signed by another key, or of a board rewritten since', async () => {
    const other = { ...election, authority: generateSigningKey() };
    const f = await failed(exportOf(election.items, other));
    expect(f).toEqual(expect.arrayContaining(['V12.08', 'V12.10']));
    // history rewritten: the old heads stay, one early payload changes and every hash is redone
    const dir = exportOf(election.items);
    const oldHeads = readFileSync(join(dir, 'tree-heads.jsonl'), 'utf8');
    const rewritten = replace(election.items, indexOf('roll'), {
      type: 'roll',
      payload: { size: 9, commitment: toBase64Url(new Uint8Array(32)) },
    });
    writeExport(dir, election, rewritten);
    writeFileSync(join(dir, 'tree-heads.jsonl'), oldHeads);
    expect(await failed(dir)).toEqual(['V12.10']);
  });

  describe('V12.10: tree-heads.jsonl lists every head the CEC signed, in order, once', () => {
    /** The problems V12.10 reports on an export whose list of heads `change` edited. */
    async function listProblems(change: (lines: string[]) => void, items = election.items): Promise<readonly string[]> {
      const dir = exportOf(items);
      const file = join(dir, 'tree-heads.jsonl');
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      change(lines);
      writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
      const { report } = await verifyBoardExport(dir);
      expect(report.results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toEqual(['V12.10']);
      return report.results.find((r) => r.id === 'V12.10')!.problems;
    }

    it('refuses a head listed twice', async () => {
      expect(await listProblems((l) => l.splice(7, 0, l[7]!))).toEqual(['tree-heads.jsonl:9: a second head of size 8']);
    });

    it('refuses two heads swapped', async () => {
      const problems = await listProblems((l) => {
        [l[7], l[8]] = [l[8]!, l[7]!];
      });
      expect(problems).toEqual([
        'tree-heads.jsonl:9: a head of size 8 after one of size 9',
        'tree-heads.jsonl:9: signed at 2026-10-20T04:00:07.000Z, before the head above it (2026-10-20T04:00:08.000Z)',
      ]);
    });

    it('refuses a list whose last line is not tree-head.json', async () => {
      const n = election.items.length;
      expect(await listProblems((l) => l.pop())).toEqual([
        `tree-heads.jsonl ends with the head of size ${n - 1}, not with tree-head.json (size ${n})`,
      ]);
    });

    it('refuses a list without a head that an observer co-signed', async () => {
      // an observer registers at position p and co-signs the head of size p, which the CEC signed
      const p = indexOf('voting-opened');
      const dir = exportOf(election.items);
      const head = JSON.parse(readFileSync(join(dir, 'tree-heads.jsonl'), 'utf8').split('\n')[p - 1]!);
      expect(head.size).toBe(p);
      const observer = generateSigningKey();
      const items = [...election.items];
      items.splice(
        p,
        0,
        { type: 'observer-registered', payload: { name: 'Promo-LEX', signingKey: toBase64Url(observer.publicKey) } },
        {
          type: 'tree-head-cosignature',
          payload: {
            observerKey: toBase64Url(observer.publicKey),
            treeHead: head,
            signature: toBase64Url(cosignTreeHead(decodeHead(head), observer.secretKey)),
          },
        },
      );
      expect(await failed(exportOf(items))).toEqual([]);
      expect(await listProblems((l) => l.splice(p - 1, 1), items)).toEqual([
        `entry ${p + 1} co-signs the head of size ${p} signed at ${head.time}, which is not listed`,
      ]);
    });
  });

  it('V12.11, V12.12: a co-signed head the CEC did not sign, or not yet; an observer registered twice', async () => {
    const p = indexOf('voting-opened');
    const dir = exportOf(election.items);
    const heads = readFileSync(join(dir, 'tree-heads.jsonl'), 'utf8').split('\n');
    const observer = generateSigningKey();
    const registered = {
      type: 'observer-registered',
      payload: { name: 'Promo-LEX', signingKey: toBase64Url(observer.publicKey) },
    } as const;
    const cosignature = (head: JsonValue): Item => ({
      type: 'tree-head-cosignature',
      payload: {
        observerKey: toBase64Url(observer.publicKey),
        treeHead: head,
        signature: toBase64Url(cosignTreeHead(decodeHead(head), observer.secretKey)),
      },
    });
    const problems = async (items: Item[], id: string) => {
      const { report } = await verifyBoardExport(exportOf(items));
      return report.results.find((r) => r.id === id)!.problems;
    };
    // a head of a size the board only reaches later: nobody could have seen it signed
    const later = [...election.items];
    later.splice(p, 0, registered, cosignature(JSON.parse(heads[p + 3]!)));
    expect(await problems(later, 'V12.11')).toEqual([
      `entry ${p + 1}: co-signs a head of size ${p + 4}, larger than the board before it`,
    ]);
    // a head signed by someone else than the CEC
    const forged = JSON.parse(heads[p - 1]!);
    forged.signature = toBase64Url(sign('tree-head', new Uint8Array(1), generateSigningKey().secretKey));
    const stranger = [...election.items];
    stranger.splice(p, 0, registered, cosignature(forged));
    expect(await problems(stranger, 'V12.11')).toEqual([
      `entry ${p + 1}: co-signs a head the CEC did not sign for this election`,
    ]);
    const twice = [...election.items];
    twice.splice(p, 0, registered, registered);
    expect(await problems(twice, 'V12.12')).toEqual([
      `entry ${p + 1} (observer-registered): an observer registered a second time`,
    ]);
  });

  it('V12.12: a ballot before voting opens', async () => {
    const items = [...election.items];
    const ballot = items.splice(indexOf('ballot'), 1)[0]!;
    const credential = items.splice(indexOf('credential-issued'), 1)[0]!;
    items.splice(indexOf('voting-opened'), 0, credential, ballot);
    expect(await failed(exportOf(items))).toEqual(['V12.12', 'V14.02']);
  });

  it('V12.12: the ceremony’s phases — no resolution phase without a complaint, no key before the complaint phase', async () => {
    const key = indexOf('election-key');
    const resolution = { type: 'ceremony-phase', payload: { phase: 'resolution' } } as const;
    const withResolution = [...election.items];
    withResolution.splice(key, 0, resolution);
    const early = election.items.filter((x) => x.type !== 'ceremony-phase');
    const problems = async (items: Item[]) => {
      const { report } = await verifyBoardExport(exportOf(items));
      expect(report.results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toEqual(['V12.12']);
      return report.results.find((r) => r.id === 'V12.12')!.problems;
    };
    expect(await problems(withResolution)).toEqual([
      `entry ${key} (ceremony-phase): a resolution phase with no complaint`,
    ]);
    expect(await problems(early)).toEqual([
      `entry ${key - 1} (election-key): the ceremony ends before the complaint phase`,
    ]);
  });

  it('V09: an altered ceremony message, and an election key that is not the ceremony’s', async () => {
    const at = indexOf('dkg-commitment');
    const m = { ...(election.items[at]!.payload as Record<string, JsonValue>) };
    m.signature = toBase64Url(new Uint8Array(64).fill(1));
    expect(await failed(exportOf(replace(election.items, at, { type: 'dkg-commitment', payload: m })))).toContain(
      'V09.02',
    );
    const k = indexOf('election-key');
    const key = { ...(election.items[k]!.payload as Record<string, JsonValue>) };
    key.electionKey = toBase64Url(GroupElement.generator.multiply(12345n).encode());
    const f = await failed(exportOf(replace(election.items, k, { type: 'election-key', payload: key })));
    expect(f).toContain('V09.14');
    key.electionKey = toBase64Url(new Uint8Array(32).fill(0xff));
    expect(await failed(exportOf(replace(election.items, k, { type: 'election-key', payload: key })))).toContain(
      'V12.03',
    );
  });

  it('V13.02, V13.03: a credential signed by another key; one issued twice', async () => {
    const at = indexOf('credential-issued');
    const voter = generateSigningKey();
    const forged = encodeSignedCredential(
      signCredential(
        {
          electionId: election.manifest.electionId,
          manifestHash: manifestHash(election.manifest),
          publicKey: voter.publicKey,
        },
        generateSigningKey().secretKey,
      ),
    );
    const items = [...election.items];
    items.splice(at, 0, { type: 'credential-issued', payload: JSON.parse(JSON.stringify(forged)) });
    expect(await failed(exportOf(items))).toEqual(['V13.02']);
    const twice = [...election.items];
    twice.splice(indexOf('voting-closed'), 0, election.items[at]!);
    expect(await failed(exportOf(twice))).toEqual(['V13.03', 'V14.02']);
  });

  it('V13.05: more live credentials than the roll holds', async () => {
    const at = indexOf('roll');
    expect(
      await failed(
        exportOf(
          replace(election.items, at, {
            type: 'roll',
            payload: { size: 2, commitment: toBase64Url(new Uint8Array(32)) },
          }),
        ),
      ),
    ).toEqual(['V13.05']);
  });

  it('V13.06: a ballot whose proof does not verify', async () => {
    const at = indexOf('ballot', 2);
    const b = JSON.parse(JSON.stringify(election.items[at]!.payload));
    const proof = fromBase64Url(b.contests[0].proof);
    proof[100] = (proof[100] as number) ^ 1;
    b.contests[0].proof = toBase64Url(proof);
    expect(await failed(exportOf(replace(election.items, at, { type: 'ballot', payload: b })))).toEqual(['V13.06']);
  });

  it('V13.07, V13.08: a ballot of a revoked credential; the same ballot twice, or under another signature', async () => {
    const late = encryptAndSignBallot(election.ctx, election.voters.at(-1)!, [0, 0]);
    const items = [...election.items];
    items.splice(indexOf('voting-closed'), 0, { type: 'ballot', payload: JSON.parse(JSON.stringify(late)) });
    expect(await failed(exportOf(items))).toEqual(['V13.07', 'V14.02']);
    const twice = [...election.items];
    twice.splice(indexOf('voting-closed'), 0, election.items[indexOf('ballot', 1)]!);
    expect(await failed(exportOf(twice))).toEqual(['V13.08']);
    // The tracking code leaves the signature out (§8.4): the same contents under another signature
    // are the same ballot again (and this signature does not verify either).
    const copied = election.items[indexOf('ballot', 1)]!.payload as BallotJson;
    const signature = fromBase64Url(copied.signature, 64);
    signature[0] = (signature[0] as number) ^ 1;
    const resigned = [...election.items];
    resigned.splice(indexOf('voting-closed'), 0, {
      type: 'ballot',
      payload: { ...copied, signature: toBase64Url(signature) },
    });
    expect(await failed(exportOf(resigned))).toEqual(['V13.06', 'V13.08']);
  });

  it('V13.10: checks a voter’s receipt against the board, and catches a board rewritten after it', async () => {
    const seq = indexOf('ballot', 3);
    const dir = mkdtempSync(join(tmpdir(), 'evotare-verify-'));
    dirs.push(dir);
    const written = writeExport(dir, election, election.items);
    const receipt = receiptFor(election, written, seq);
    const ok = await verifyBoardExport(dir, { receipt });
    expect(ok.report.results.find((r) => r.id === 'V13.10')?.outcome).toBe('passed');
    // the list of heads leaves out the receipt's head (§13.6: the first head that contains the entry)
    const list = join(dir, 'tree-heads.jsonl');
    const heads = readFileSync(list, 'utf8').trimEnd().split('\n');
    writeFileSync(list, `${heads.filter((_, i) => i !== seq).join('\n')}\n`);
    const hidden = await verifyBoardExport(dir, { receipt });
    expect(hidden.report.results.find((r) => r.id === 'V13.10')?.problems).toEqual([
      'the receipt’s tree head is not the first head of tree-heads.jsonl that contains its entry (§13.6)',
    ]);
    // the same ballot slot now holds another ballot: hashes redone, but the receipt's head signed the old one
    const other = encryptAndSignBallot(election.ctx, election.voters[3]!, [0, 0]);
    writeExport(
      dir,
      election,
      replace(election.items, seq, { type: 'ballot', payload: JSON.parse(JSON.stringify(other)) }),
    );
    const bad = await verifyBoardExport(dir, { receipt });
    expect(bad.report.results.find((r) => r.id === 'V13.10')?.problems.join()).toMatch(/not the one the receipt names/);
    const forged = { ...(receipt as Record<string, JsonValue>), position: seq - 1 };
    expect((await verifyBoardExport(dir, { receipt: forged })).report.failed).toBeGreaterThan(0);
  });

  describe('the tally (§14)', () => {
    const at = (type: string, nth = 0) =>
      tallied.items.map((x, i) => (x.type === type ? i : -1)).filter((i) => i >= 0)[nth]!;
    const payload = (i: number) => JSON.parse(JSON.stringify(tallied.items[i]!.payload)) as Record<string, JsonValue>;
    const withAttachment = (bytes: Uint8Array) => {
      const attachments = new Map(tallied.attachments);
      const ref = attachmentRef(bytes);
      attachments.set(toBase64Url(ref.id), bytes);
      return { attachments, ref: { attachment: toBase64Url(ref.id), bytes: bytes.length } };
    };

    it('V14.01: an attachment missing from the export, or not the bytes its entry names', async () => {
      const dir = exportOf(tallied.items, tallied);
      const data = payload(at('mix-output', 1)).data as { attachment: string };
      rmSync(join(dir, 'attachments', data.attachment));
      expect(await failed(dir)).toContain('V14.01');
      const dir2 = exportOf(tallied.items, tallied);
      const file = join(dir2, 'attachments', data.attachment);
      const bytes = readFileSync(file);
      bytes[10] = (bytes[10] as number) ^ 1;
      writeFileSync(file, bytes);
      expect(await failed(dir2)).toContain('V14.01');
    });

    it('V14.03: a mix input whose turnout is not the board’s', async () => {
      const i = at('mix-input');
      const p = payload(i);
      (p.turnout as Record<string, number>).ballotsReceived = 99;
      expect(await failed(exportOf(replace(tallied.items, i, { type: 'mix-input', payload: p }), tallied))).toContain(
        'V14.03',
      );
    });

    it('V14.04, V14.05: a mix output signed by a stranger; a shuffle that replaced a ballot', async () => {
      const i = at('mix-output', 1);
      const p = payload(i);
      p.signature = toBase64Url(new Uint8Array(64).fill(3));
      expect(await failed(exportOf(replace(tallied.items, i, { type: 'mix-output', payload: p }), tallied))).toContain(
        'V14.04',
      );
      // mix node 2 replaces one output row by a copy of another, and signs: its proof must fail
      const original = payload(i);
      const data = tallied.attachments.get((original.data as { attachment: string }).attachment)!;
      const forged = data.slice();
      forged.set(data.subarray(0, 128), 128);
      const { attachments, ref } = withAttachment(forged);
      const h = manifestHash(tallied.manifest);
      const output = rowListDigest({ count: forged.length / 128, width: 2, bytes: forged });
      const proofId = fromBase64Url((original.proof as { attachment: string }).attachment, 32);
      const signature = signMixOutput(
        h,
        1,
        fromBase64Url(original.input as string, 32),
        output,
        proofId,
        tallied.mixNodes[1]!.secretKey,
      );
      const cheat = { ...original, data: ref, output: toBase64Url(output), signature: toBase64Url(signature) };
      const f = await failed(
        exportOf(replace(tallied.items, i, { type: 'mix-output', payload: cheat }), { ...tallied, attachments }),
      );
      expect(f).toContain('V14.05');
    });

    it('V14.06: mixing completed naming another list', async () => {
      const i = at('mixing-completed');
      const p = payload(i);
      p.list = toBase64Url(new Uint8Array(32).fill(9));
      expect(
        await failed(exportOf(replace(tallied.items, i, { type: 'mixing-completed', payload: p }), tallied)),
      ).toContain('V14.06');
    });

    it('V14.11: a partial decryption whose shares were altered', async () => {
      const i = at('partial-decryption');
      const p = payload(i);
      const shares = tallied.attachments.get((p.decryptionShares as { attachment: string }).attachment)!.slice();
      shares.set(GroupElement.generator.encode(), 0);
      const { attachments, ref } = withAttachment(shares);
      const f = await failed(
        exportOf(replace(tallied.items, i, { type: 'partial-decryption', payload: { ...p, decryptionShares: ref } }), {
          ...tallied,
          attachments,
        }),
      );
      expect(f).toContain('V14.11');
    });

    it('V14.13 – V14.19: a result signed by another key; counts that are not the choices; choices that are not the ballots', async () => {
      const i = at('result');
      const resign = (r: Record<string, JsonValue>, key = tallied.authority.secretKey) => {
        const { signature: _, ...unsigned } = r;
        return {
          ...unsigned,
          signature: toBase64Url(sign('result', resultMessage(manifestHash(tallied.manifest), unsigned as never), key)),
        };
      };
      const stranger = resign(payload(i), generateSigningKey().secretKey);
      expect(await failed(exportOf(replace(tallied.items, i, { type: 'result', payload: stranger }), tallied))).toEqual(
        ['V14.13'],
      );
      const counts = payload(i);
      const contest = (counts.contests as Record<string, JsonValue>[])[1]!;
      (contest.counts as Record<string, number>).da = ((contest.counts as Record<string, number>).da ?? 0) + 1;
      expect(
        await failed(exportOf(replace(tallied.items, i, { type: 'result', payload: resign(counts) }), tallied)),
      ).toEqual(['V14.16']);
      // every row for the first option of each contest: consistent counts, but not what the ballots say
      const original = payload(i);
      const rows = (original.choices as { bytes: number }).bytes / 4;
      const { attachments, ref } = withAttachment(new Uint8Array(rows * 4));
      const fake = {
        ...original,
        choices: ref,
        contests: tallied.manifest.contests.map((c, k) => ({
          id: c.id,
          counts: Object.fromEntries(c.options.map((o, j) => [o.id, j === 0 ? rows : 0])),
          ...(c.allowBlank ? { blank: 0 } : {}),
          invalid: 0,
          ...(k < 0 ? {} : {}),
        })),
      };
      const f = await failed(
        exportOf(replace(tallied.items, i, { type: 'result', payload: resign(fake) }), { ...tallied, attachments }),
      );
      expect(f).toEqual(['V14.19']);
    });
  });

  it('reports a missing directory as a failure of V12.01 and runs nothing else', async () => {
    const o = await outcomes('/nonexistent/board');
    expect(o['V12.01']).toBe('failed');
    expect(
      Object.entries(o)
        .filter(([id]) => id !== 'V12.01')
        .every(([, x]) => x === 'not-run'),
    ).toBe(true);
  });
});
