// Voters of the sample election casting over HTTP, the way the booth does: activate a credential,
// encrypt, POST; on 503 or a dropped connection send the *same* ballot again (casting is
// idempotent: the same ballot gets the same receipt and no second entry). A ballot counts as
// acknowledged only when a 201 with a receipt came back.
import { type BallotJson, type ElectionContext, electionContext, encryptAndSignBallot } from '@evotare/crypto/ballot';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import type { SignedReceiptJson } from '@evotare/crypto/credential';
import { GroupElement } from '@evotare/crypto/group';
import type { Manifest } from '@evotare/crypto/manifest';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';

export const SAMPLE_ELECTION = 'demo-2024-10-20';

export interface SampleVoterLine {
  readonly idnp: string;
  readonly birthDate: string;
  readonly code: string;
}

/** The voters `serve --sample` prints on its first start: "  <idnp>  <birth date>  <code>   (<name>)". */
export function sampleVotersFrom(stdout: string): SampleVoterLine[] {
  return [...stdout.matchAll(/^\s+(\d{13})\s+(\d{4}-\d{2}-\d{2})\s+(\S+)\s+\(/gm)].map((m) => ({
    idnp: m[1]!,
    birthDate: m[2]!,
    code: m[3]!,
  }));
}

export async function electionOf(url: string, id = SAMPLE_ELECTION): Promise<ElectionContext> {
  const e = (await (await fetch(`${url}/api/v1/elections/${id}`)).json()) as {
    manifest: Manifest;
    electionKey: string;
  };
  return electionContext(e.manifest, GroupElement.decode(fromBase64Url(e.electionKey)));
}

export async function activate(url: string, voter: SampleVoterLine, id = SAMPLE_ELECTION): Promise<SigningKeyPair> {
  const credential = generateSigningKey();
  const r = await fetch(`${url}/api/v1/elections/${id}/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...voter, credentialKey: toBase64Url(credential.publicKey) }),
  });
  if (r.status !== 201) throw new Error(`activation failed: ${r.status} ${await r.text()}`);
  return credential;
}

/** `n` ballots, the credentials taken in turn (re-votes: each ballot is a new board entry). */
export function makeBallots(ctx: ElectionContext, credentials: readonly SigningKeyPair[], n: number): BallotJson[] {
  return Array.from({ length: n }, (_, i) =>
    encryptAndSignBallot(
      ctx,
      credentials[i % credentials.length]!,
      ctx.contests.map((c, j) => (i + j) % c.elements.length),
    ),
  );
}

export interface CastFigures {
  readonly receipts: SignedReceiptJson[];
  /** Responses by status (0: the connection failed). */
  readonly statuses: Record<number, number>;
  /** Milliseconds from first send to the 201, retries included, per acknowledged ballot. */
  readonly latencies: number[];
  /** When each 201 came back (ms since the epoch). */
  readonly acknowledgedAt: number[];
}

export const emptyFigures = (): CastFigures => ({ receipts: [], statuses: {}, latencies: [], acknowledgedAt: [] });

/**
 * Casts `ballots` with `concurrency` voters at once. A ballot is sent until it gets a 201 or a
 * 4xx, or `giveUpMs` passes; 503s and dropped connections are retried after `retryMs`. The
 * figures fill in as it goes (pass `figures` to watch them).
 */
/** How long a cast may go unanswered before it is sent again. */
const ANSWER_WITHIN_MS = 30_000;

export async function castAll(
  url: string,
  ballots: readonly BallotJson[],
  {
    concurrency = 4,
    retryMs = 100,
    giveUpMs = 60_000,
    id = SAMPLE_ELECTION,
    figures = emptyFigures(),
    stop,
  }: {
    concurrency?: number;
    retryMs?: number;
    giveUpMs?: number;
    id?: string;
    figures?: CastFigures;
    /** Aborted: every voter stops (the server died: there is nobody to cast to). */
    stop?: AbortSignal;
  } = {},
): Promise<CastFigures> {
  let next = 0;
  const worker = async () => {
    while (next < ballots.length && !stop?.aborted) {
      const ballot = ballots[next++]!;
      const start = performance.now();
      for (;;) {
        const r = await fetch(`${url}/api/v1/elections/${id}/ballots`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ballot),
          // A cast the server never answers counts as a failed attempt (status 0, like a connection
          // refused) and is sent again, rather than hanging the scenario.
          signal: stop
            ? AbortSignal.any([stop, AbortSignal.timeout(ANSWER_WITHIN_MS)])
            : AbortSignal.timeout(ANSWER_WITHIN_MS),
        }).catch(() => null);
        const status = r?.status ?? 0;
        figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
        if (status === 201) {
          figures.receipts.push((await r!.json()) as SignedReceiptJson);
          figures.latencies.push(performance.now() - start);
          figures.acknowledgedAt.push(Date.now());
          break;
        }
        await r?.body?.cancel();
        if ((status >= 400 && status < 500) || performance.now() - start > giveUpMs || stop?.aborted) break;
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return figures;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
