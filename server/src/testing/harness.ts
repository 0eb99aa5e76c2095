// Builds a server on a test database the way ./server.ts does, minus the network: real storage,
// board writer, identity provider and ballot verification on worker threads.

import { toBase64Url } from '@evotare/crypto/bytes';
import type { ElectionDefinition, Manifest } from '@evotare/crypto/manifest';
import { generateSigningKey, type SigningKeyPair } from '@evotare/crypto/signature';
import type { Hono } from 'hono';
import { type AppOptions, createApp } from '../app.ts';
import { NodeCache } from '../board/nodes.ts';
import { BoardWriter } from '../board/writer.ts';
import type { BallotVerifier } from '../casting/verifier.ts';
import { BallotVerifierPool } from '../casting/verify-pool.ts';
import { type LocalTrustee, makeLocalTrustees, runLocalCeremony } from '../ceremony/local-trustees.ts';
import { CODE_SCRYPT, type ScryptParams } from '../credentials/activation-code.ts';
import { activationCodeProvider } from '../credentials/activation-code-provider.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { Parties } from '../elections/parties.ts';
import type { AppEnv } from '../http/env.ts';
import { type Logger, silentLogger } from '../log.ts';
import { addOfficial } from '../officials/officials.ts';
import { ServerWorkers } from '../workers.ts';

export { exampleDefinition, exampleDefinitionPath } from '../elections/example.ts';

export interface TestServer {
  readonly deps: Deps;
  readonly app: Hono<AppEnv>;
  readonly token: string;
  /** Calls the app like an HTTP client would. */
  request(
    method: string,
    path: string,
    init?: { body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  handle: DatabaseHandle,
  options: {
    ballots?: BallotVerifier;
    app?: AppOptions;
    log?: Logger;
    maxBatch?: number;
    /** The board's clock (entry times, tree heads, the mixing deadline); a test may move it forward. */
    now?: () => Date;
    /** The CEC's key (by default a new one): two servers with one key show how a split view looks. */
    authority?: SigningKeyPair;
    /** scrypt parameters of activation codes (a lower cost makes activating many voters fast). */
    codeScrypt?: ScryptParams;
  } = {},
): Promise<TestServer> {
  const authority = options.authority ?? generateSigningKey();
  const nodes = new NodeCache();
  const deps: Deps = {
    db: handle.db,
    databaseKind: handle.kind,
    authority,
    nodes,
    writer: new BoardWriter(handle.db, authority, {
      nodes,
      maxBatch: options.maxBatch ?? 256,
      ...(options.now ? { now: options.now } : {}),
    }),
    identity: activationCodeProvider(handle.db, options.codeScrypt ?? CODE_SCRYPT),
    codeScrypt: options.codeScrypt ?? CODE_SCRYPT,
    ballots: options.ballots ?? new BallotVerifierPool({ threads: 1 }),
    log: options.log ?? silentLogger,
    workers: new ServerWorkers(),
  };
  const app = createApp(deps, {
    // Every answer a test gets is checked against the schema its route declares (OpenAPI).
    checkAnswers: true,
    rateLimits: {
      activation: { burst: 1000, perMinute: 1000 },
      casting: { burst: 100_000, perMinute: 100_000 },
      lookup: { burst: 100_000, perMinute: 100_000 },
    },
    ...options.app,
  });
  const official = await addOfficial(handle.db, `official-${Math.random().toString(36).slice(2)}`);
  if (!official.ok) throw new Error('could not add an official');
  const token = official.value.token;
  return {
    deps,
    app,
    token,
    async request(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const auth = init.token === undefined ? token : init.token;
      if (auth !== null) headers.authorization = `Bearer ${auth}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      return app.request(path, { method, headers, body });
    },
    async close() {
      await deps.ballots.close();
      await deps.workers.close();
      await handle.close();
    },
  };
}

export interface TestParties {
  readonly parties: Parties;
  readonly trustees: LocalTrustee[];
  readonly mixNodes: SigningKeyPair[];
}

export function makeParties(definition: ElectionDefinition): TestParties {
  const trustees = makeLocalTrustees(definition.trustees.members.length);
  const mixNodes = definition.mixNodes.map(() => generateSigningKey());
  return {
    trustees,
    mixNodes,
    parties: {
      trustees: definition.trustees.members.map((m, i) => ({ name: m.name, ...trustees[i]!.keys.public })),
      mixNodes: definition.mixNodes.map((m, i) => ({ name: m.name, signingKey: toBase64Url(mixNodes[i]!.publicKey) })),
    },
  };
}

/** Runs the key ceremony through the HTTP API, every trustee local; returns the election key. */
export async function runCeremonyOverHttp(
  s: TestServer,
  electionId: string,
  trustees: LocalTrustee[],
): Promise<string> {
  const get = async (path: string) => (await s.request('GET', path, { token: null })).json();
  await runLocalCeremony(
    {
      manifest: async () => ((await get(`/api/v1/elections/${electionId}`)) as { manifest: Manifest }).manifest,
      messages: async () =>
        ((await get(`/api/v1/elections/${electionId}/ceremony`)) as { messages: unknown[] }).messages,
      async post(message) {
        const r = await s.request('POST', `/api/v1/elections/${electionId}/ceremony/messages`, {
          token: null,
          body: message,
        });
        if (r.status !== 201) throw new Error(`ceremony message refused: ${await r.text()}`);
      },
      async closePhase() {
        const r = await s.request('POST', `/api/v1/admin/elections/${electionId}/key-ceremony/close-phase`, {
          body: {},
        });
        if (r.status !== 200) throw new Error(`closing the phase failed: ${await r.text()}`);
        return ((await r.json()) as { phase: string }).phase;
      },
    },
    trustees,
  );
  return ((await get(`/api/v1/elections/${electionId}`)) as { electionKey: string }).electionKey;
}

/** A CSV roll of `n` voters with valid IDNPs, resident abroad. */
export function rollCsv(n: number, start = 0): { csv: string; idnps: string[] } {
  const idnps: string[] = [];
  const lines = ['idnp,name,birth_date,country'];
  const countries = ['IT', 'DE', 'GB', 'FR', 'RO', 'US'];
  for (let i = start; i < start + n; i++) {
    const body = `2${String(i).padStart(11, '0')}`;
    const weights = [7, 3, 1];
    let sum = 0;
    for (let k = 0; k < 12; k++) sum += Number(body[k]) * weights[k % 3]!;
    const idnp = body + (sum % 10);
    idnps.push(idnp);
    lines.push(
      `${idnp},Alegător ${i},${1950 + (i % 50)}-0${1 + (i % 9)}-1${i % 10},${countries[i % countries.length]}`,
    );
  }
  return { csv: `${lines.join('\n')}\n`, idnps };
}
