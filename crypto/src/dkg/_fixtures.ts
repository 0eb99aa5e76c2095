// Test fixtures for the key ceremony and threshold decryption: an election manifest with n trustees
// of threshold k (two small contests), the trustees' keys, and an honest ceremony run
// through the same public functions the trustee program uses. For tests and benchmarks only.
import { toBase64Url } from '../bytes.ts';
import { type Manifest, ManifestSchema } from '../manifest.ts';
import type * as scalar from '../scalar.ts';
import { generateSigningKey } from '../signature.ts';
import { type DealerSecret, deal } from './dealing.ts';
import type { CeremonyMessage } from './messages.ts';
import { answerComplaints, deriveSecretShare, reviewShares, type TrusteeIdentity } from './trustee.ts';
import { generateTrusteeKeys, requireCeremonyContext, type TrusteeKeys } from './trustee-keys.ts';

const text = (en: string) => ({ ro: en, en, ru: en });

/** The test election's definition: two small contests (shared with the verifier's fixtures). */
export const testDefinition = {
  version: 1,
  electionId: 'test-2026',
  title: text('Test election'),
  votingWindow: { opens: '2026-10-20T04:00:00Z', closes: '2026-10-20T18:00:00Z' },
  mixingPeriod: 3600,
  contests: [
    {
      id: 'president',
      title: text('President'),
      allowBlank: true,
      options: ['ana', 'ion', 'maria'].map((id) => ({ id, label: text(id) })),
    },
    {
      id: 'referendum',
      title: text('Referendum'),
      allowBlank: false,
      options: ['da', 'nu'].map((id) => ({ id, label: text(id) })),
    },
  ],
};

export interface TestElection {
  readonly manifest: Manifest;
  readonly trustees: readonly TrusteeKeys[];
}

export function makeElection(n: number, k: number): TestElection {
  const trustees = Array.from({ length: n }, () => generateTrusteeKeys());
  const signingKey = () => toBase64Url(generateSigningKey().publicKey);
  const manifest = ManifestSchema.parse({
    ...testDefinition,
    authority: { name: 'Comisia Electorală Centrală', signingKey: signingKey() },
    trustees: {
      threshold: k,
      members: trustees.map((t, i) => ({ name: `Trustee ${i + 1}`, ...t.public })),
    },
    mixNodes: [1, 2].map((m) => ({ name: `Mix node ${m}`, signingKey: signingKey() })),
  });
  return { manifest, trustees };
}

export function identity(election: TestElection, index: number): TrusteeIdentity {
  const keys = election.trustees[index - 1]!;
  return { index, signingKey: keys.secret.signingKey, encryptionKey: keys.secret.encryptionKey };
}

export interface CeremonyRun {
  readonly messages: CeremonyMessage[];
  readonly dealers: Map<number, DealerSecret>;
}

/**
 * Runs the three phases: dealing (by `dealers`, default all), review with complaints, answers.
 * `tamper` may change a dealer's messages before they are published.
 */
export function runCeremony(
  election: TestElection,
  options: {
    dealers?: readonly number[];
    tamper?: (messages: CeremonyMessage[]) => CeremonyMessage[];
    answering?: (dealer: number) => boolean;
  } = {},
): CeremonyRun {
  const ctx = requireCeremonyContext(election.manifest);
  const dealerIndices = options.dealers ?? ctx.trustees.map((t) => t.index);
  const dealers = new Map<number, DealerSecret>();
  let messages: CeremonyMessage[] = [];
  for (const i of dealerIndices) {
    const d = deal(ctx, i, election.trustees[i - 1]!.secret.signingKey);
    dealers.set(i, d.secret);
    messages.push(d.commitment, d.shares);
  }
  if (options.tamper) messages = options.tamper(messages);
  for (const { index } of ctx.trustees)
    messages.push(...reviewShares(election.manifest, messages, identity(election, index)).complaints);
  const answers: CeremonyMessage[] = [];
  for (const [i, secret] of dealers) {
    if (options.answering && !options.answering(i)) continue;
    answers.push(...answerComplaints(election.manifest, messages, secret, election.trustees[i - 1]!.secret.signingKey));
  }
  messages.push(...answers);
  return { messages, dealers };
}

/** Every trustee's key share after an honest run (throws if a trustee cannot derive it). */
export function keyShares(election: TestElection, run: CeremonyRun): Map<number, scalar.Scalar> {
  const out = new Map<number, scalar.Scalar>();
  for (let j = 1; j <= election.trustees.length; j++) {
    const r = deriveSecretShare(election.manifest, run.messages, identity(election, j), run.dealers.get(j));
    if (!r.ok) throw new Error(`trustee ${j}: ${r.reason}`);
    out.set(j, r.keyShare.secretShare);
  }
  return out;
}
