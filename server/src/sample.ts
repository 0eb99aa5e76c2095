// The sample election `npm start` prepares on an empty data directory, so a newcomer can vote at
// once: the 2024 example (under another id, open now), a 2-of-3 key ceremony run by trustees on
// this machine (their secret files under <data>/sample/), a roll of ten voters, and their codes.

import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toBase64Url } from '@evotare/crypto/bytes';
import { encodeTrusteeSecrets } from '@evotare/crypto/dkg/trustee-keys';
import type { ElectionDefinition, Manifest } from '@evotare/crypto/manifest';
import { sealSecret } from '@evotare/crypto/secret-file';
import { generateSigningKey } from '@evotare/crypto/signature';
import { ceremonyMessages, closeCeremonyPhase, postCeremonyMessage } from './ceremony/ceremony.ts';
import { makeLocalTrustees, runLocalCeremony } from './ceremony/local-trustees.ts';
import { issueActivationCodes } from './credentials/credentials.ts';
import type { Deps } from './deps.ts';
import { createElection, openVoting, registerParties, startKeyCeremony } from './elections/elections.ts';
import { exampleDefinition } from './elections/example.ts';
import { idnpControlDigit } from './roll/idnp.ts';
import { importRoll } from './roll/roll.ts';

export const SAMPLE_ELECTION_ID = 'demo-2024-10-20';
const OFFICIAL = 'sample';
/** Trial files only: fast to open. A real trustee's file uses the default (2^17). */
const TRIAL_SCRYPT = { logN: 15, r: 8, p: 1 };

const NAMES = [
  ['Ana Rusu', 'IT'],
  ['Ion Ceban', 'DE'],
  ['Maria Lungu', 'GB'],
  ['Vasile Popa', 'FR'],
  ['Elena Bivol', 'RO'],
  ['Mihai Cojocaru', 'US'],
  ['Natalia Moraru', 'IE'],
  ['Andrei Ursu', 'ES'],
  ['Olga Țurcan', 'PT'],
  ['Victor Grosu', 'CA'],
] as const;

/**
 * The sample election's help contacts (SPEC §7.1): the CEC for everyone, a consulate for voters in
 * Italy. Trial data: the numbers and addresses are examples, not real lines.
 */
const SAMPLE_HELP: ElectionDefinition['help'] = [
  {
    name: {
      ro: 'Consulatul Republicii Moldova la Roma (exemplu)',
      en: 'Consulate of the Republic of Moldova in Rome (example)',
      ru: 'Консульство Республики Молдова в Риме (пример)',
    },
    countries: ['IT'],
    phone: '+39 06 0000 0000',
    email: 'consulat.roma@example.md',
    address: {
      ro: 'Via Esempio 1, 00100 Roma, Italia',
      en: 'Via Esempio 1, 00100 Rome, Italy',
      ru: 'Via Esempio 1, 00100 Рим, Италия',
    },
    hours: {
      ro: 'luni–vineri, 9:00–17:00 (ora Romei)',
      en: 'Monday to Friday, 9:00–17:00 (Rome time)',
      ru: 'понедельник–пятница, 9:00–17:00 (по римскому времени)',
    },
  },
  {
    name: {
      ro: 'Comisia Electorală Centrală — linia pentru alegători (exemplu)',
      en: 'Central Electoral Commission — voters’ line (example)',
      ru: 'Центральная избирательная комиссия — линия для избирателей (пример)',
    },
    phone: '+373 22 000 000',
    email: 'vot@example.md',
    web: 'https://a.cec.md',
    hours: {
      ro: 'zilnic, 8:00–20:00 (ora Chișinăului)',
      en: 'every day, 8:00–20:00 (Chișinău time)',
      ru: 'ежедневно, 8:00–20:00 (по кишинёвскому времени)',
    },
  },
];

export interface SampleVoter {
  readonly idnp: string;
  readonly birthDate: string;
  readonly name: string;
  readonly code: string;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { kind: string } }, step: string): T {
  if (!r.ok) throw new Error(`sample election: ${step} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function prepareSampleElection(deps: Deps, dataDir: string): Promise<SampleVoter[] | null> {
  const any = await deps.db.selectFrom('election').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const base = exampleDefinition();
  const now = new Date();
  const opens = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const closes = new Date(opens.getTime() + 14 * 24 * 3600 * 1000);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const definition = {
    ...base,
    electionId: SAMPLE_ELECTION_ID,
    votingWindow: { opens: iso(opens), closes: iso(closes) },
    help: SAMPLE_HELP,
  };
  unwrap(await createElection(deps, definition, OFFICIAL), 'create');

  const dir = join(dataDir, 'sample');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const passphrase = randomBytes(18).toString('base64url');
  writeFileSync(join(dir, 'PASSPHRASE'), `${passphrase}\n`, { mode: 0o600 });
  const trustees = makeLocalTrustees(definition.trustees.members.length);
  const mixNodes = definition.mixNodes.map(() => generateSigningKey());
  unwrap(
    await registerParties(
      deps,
      SAMPLE_ELECTION_ID,
      {
        trustees: definition.trustees.members.map((m, i) => ({ name: m.name, ...trustees[i]!.keys.public })),
        mixNodes: definition.mixNodes.map((m, i) => ({
          name: m.name,
          signingKey: toBase64Url(mixNodes[i]!.publicKey),
        })),
      },
      OFFICIAL,
    ),
    'parties',
  );

  const roll = ['idnp,name,birth_date,country'];
  const voters: Array<Omit<SampleVoter, 'code'>> = NAMES.map(([name, country], i) => {
    const body = `20000000${String(1000 + i).padStart(4, '0')}`;
    const idnp = body + idnpControlDigit(body);
    const birthDate = `${1960 + 3 * i}-0${1 + (i % 9)}-1${i}`;
    roll.push(`${idnp},${name},${birthDate},${country}`);
    return { idnp, birthDate, name };
  });
  unwrap(await importRoll(deps, SAMPLE_ELECTION_ID, `${roll.join('\n')}\n`, OFFICIAL), 'roll');
  const started = unwrap(await startKeyCeremony(deps, SAMPLE_ELECTION_ID, OFFICIAL), 'key ceremony');
  void started;

  await runLocalCeremony(
    {
      manifest: async () => {
        const row = await deps.db
          .selectFrom('election')
          .select('manifest')
          .where('id', '=', SAMPLE_ELECTION_ID)
          .executeTakeFirstOrThrow();
        return JSON.parse(row.manifest!) as Manifest;
      },
      messages: async () => (await ceremonyMessages(deps.db, SAMPLE_ELECTION_ID)).map((m) => m.message),
      post: async (m) => void unwrap(await postCeremonyMessage(deps, SAMPLE_ELECTION_ID, m), 'ceremony message'),
      closePhase: async () => unwrap(await closeCeremonyPhase(deps, SAMPLE_ELECTION_ID, OFFICIAL), 'close phase').phase,
    },
    trustees,
  );
  for (const t of trustees) {
    const file = sealSecret(
      encodeTrusteeSecrets({ ...t.keys.secret, polynomial: t.dealer?.polynomial, secretShare: t.secretShare }),
      passphrase,
      { kind: 'trustee', scrypt: TRIAL_SCRYPT },
    );
    writeFileSync(join(dir, `trustee-${t.index}.json`), file, { mode: 0o600 });
  }
  mixNodes.forEach((m, i) => {
    writeFileSync(
      join(dir, `mix-node-${i + 1}.json`),
      sealSecret(m.secretKey, passphrase, { kind: 'mix-node', scrypt: TRIAL_SCRYPT }),
      {
        mode: 0o600,
      },
    );
  });

  const codes = unwrap(await issueActivationCodes(deps, SAMPLE_ELECTION_ID, {}, OFFICIAL), 'codes').codes;
  unwrap(await openVoting(deps, SAMPLE_ELECTION_ID, OFFICIAL), 'open');
  return voters.map((v) => ({ ...v, code: codes.find((c) => c.idnp === v.idnp)!.code }));
}
