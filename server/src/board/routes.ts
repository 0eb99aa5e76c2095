// /api/v1/elections/:id/board — the public bulletin board: entries page by page, signed tree
// heads, inclusion proofs (by position or tracking code), consistency proofs (docs/SPEC.md §12),
// and the ballots a typed tracking code names (§8.4, Algorithm 8.4a), rate limited per address.

import { readTrackingCode } from '@evotare/crypto/ballot';
import { BoardEntryJsonSchema } from '@evotare/crypto/board/entry';
import { encodeSignedTreeHead, SignedTreeHeadSchema } from '@evotare/crypto/board/tree-head';
import { fromBase64Url, toBase64Url } from '@evotare/crypto/bytes';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { BoardEntryTable } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { Base64Url32, Count, Position } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { problem, refusal } from '../http/problem.ts';
import { QueryInt, query } from '../http/request.ts';
import { boardSize, consistencyProof, inclusionProof, latestTreeHead, readEntryRows, treeHeads } from './board.ts';

export const MAX_PAGE = 1000;

/** The JSON of an entry (§12.8), with the stored canonical payload embedded as it was hashed. */
export function entryJson(row: Selectable<BoardEntryTable>): string {
  return `{"seq":${row.seq},"type":${JSON.stringify(row.type)},"time":${JSON.stringify(row.time)},"payload":${row.payload},"previous":"${toBase64Url(row.previous)}","hash":"${toBase64Url(row.hash)}"}`;
}

const PageQuery = z.strictObject({ from: QueryInt.optional(), limit: QueryInt.optional() });
const InclusionQuery = z.union([
  z.strictObject({ position: QueryInt, size: QueryInt.optional() }),
  z.strictObject({
    trackingCode: z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/),
    size: QueryInt.optional(),
  }),
]);
const ConsistencyQuery = z.strictObject({ first: QueryInt, second: QueryInt.optional() });

/** A page of entries (§12.8): `next` is where the following page starts, null at the end. */
const BoardPageSchema = z.strictObject({
  size: Count,
  next: Position.nullable(),
  entries: z.array(BoardEntryJsonSchema),
});
const TreeHeadsSchema = z.strictObject({ treeHeads: z.array(SignedTreeHeadSchema) });
const InclusionSchema = z.strictObject({
  position: Position,
  entryHash: Base64Url32,
  treeHead: SignedTreeHeadSchema,
  proof: z.array(Base64Url32),
});
const TrackingCodeMatchesSchema = z.strictObject({
  ballots: z.array(z.strictObject({ position: Position, trackingCode: Base64Url32 })),
});
const ConsistencySchema = z.strictObject({
  first: SignedTreeHeadSchema,
  second: SignedTreeHeadSchema,
  proof: z.array(Base64Url32),
});

/** At most this many ballots are named for one short code (two are already a 2^-80 coincidence). */
const MAX_MATCHES = 10;

export function boardRoutes(deps: Deps, limits: { lookup?: MiddlewareHandler<AppEnv> } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // The board exists from the start of the key ceremony; drafts have none and are not public.
  app.use('/:id/board/*', async (c, next) => {
    const e = await deps.db
      .selectFrom('election')
      .select('state')
      .where('id', '=', c.req.param('id')!)
      .executeTakeFirst();
    if (!e || e.state === 'draft') return refusal(c, { kind: 'election-not-found' });
    await next();
  });
  app.use('/:id/board', async (c, next) => {
    const e = await deps.db
      .selectFrom('election')
      .select('state')
      .where('id', '=', c.req.param('id')!)
      .executeTakeFirst();
    if (!e || e.state === 'draft') return refusal(c, { kind: 'election-not-found' });
    await next();
  });

  app.get('/:id/board', answers(200, BoardPageSchema), async (c) => {
    const q = query(c, PageQuery);
    if (!q.ok) return q.response;
    const from = q.value.from ?? 0;
    const limit = Math.min(q.value.limit ?? 100, MAX_PAGE);
    const id = c.req.param('id');
    const rows = await readEntryRows(deps.db, id, from, limit);
    const size = await boardSize(deps.db, id);
    const next = from + rows.length < size && rows.length > 0 ? from + rows.length : null;
    return c.body(`{"size":${size},"next":${next},"entries":[${rows.map(entryJson).join(',')}]}`, 200, {
      'content-type': 'application/json',
    });
  });

  app.get('/:id/board/entries/:seq{[0-9]+}', answers(200, BoardEntryJsonSchema), async (c) => {
    const rows = await readEntryRows(deps.db, c.req.param('id'), Number(c.req.param('seq')), 1);
    if (rows.length === 0 || rows[0]!.seq !== Number(c.req.param('seq')))
      return refusal(c, { kind: 'entry-not-found' });
    return c.body(entryJson(rows[0]!), 200, { 'content-type': 'application/json' });
  });

  app.get('/:id/board/tree-head', answers(200, SignedTreeHeadSchema), async (c) => {
    const head = await latestTreeHead(deps.db, c.req.param('id'));
    if (head === null) return refusal(c, { kind: 'entry-not-found' });
    return c.json(encodeSignedTreeHead(head));
  });

  app.get('/:id/board/tree-heads', answers(200, TreeHeadsSchema), async (c) => {
    const q = query(c, PageQuery);
    if (!q.ok) return q.response;
    const heads = await treeHeads(
      deps.db,
      c.req.param('id'),
      q.value.from ?? 0,
      Math.min(q.value.limit ?? 100, MAX_PAGE),
    );
    return c.json({ treeHeads: heads.map(encodeSignedTreeHead) });
  });

  app.get('/:id/board/inclusion', answers(200, InclusionSchema), async (c) => {
    const q = query(c, InclusionQuery);
    if (!q.ok) return q.response;
    const id = c.req.param('id');
    let position: number;
    if ('position' in q.value) {
      position = q.value.position;
    } else {
      const ballot = await deps.db
        .selectFrom('ballot')
        .select('seq')
        .where('election_id', '=', id)
        .where('tracking_code', '=', fromBase64Url(q.value.trackingCode, 32))
        .executeTakeFirst();
      if (!ballot) return refusal(c, { kind: 'entry-not-found' });
      position = ballot.seq;
    }
    const size = q.value.size ?? (await latestTreeHead(deps.db, id))?.size;
    if (size === undefined) return refusal(c, { kind: 'entry-not-found' });
    const proof = await inclusionProof(deps.db, deps.nodes, id, position, size);
    if (!proof.ok) return refusal(c, proof.error);
    const entry = await readEntryRows(deps.db, id, position, 1);
    return c.json({
      position,
      entryHash: toBase64Url(entry[0]!.hash),
      treeHead: encodeSignedTreeHead(proof.value.treeHead),
      proof: proof.value.proof.map(toBase64Url),
    });
  });

  // The ballots whose tracking code is the one typed: the short form (its first 10 bytes) or the
  // full code. What is on the board and nothing more: position and full code, never whether the
  // ballot is the last of its credential (docs/THREAT-MODEL.md §3.10).
  const lookup = limits.lookup ?? ((_c, next) => next());
  app.get('/:id/board/tracking-codes/:code', answers(200, TrackingCodeMatchesSchema), lookup, async (c) => {
    const read = readTrackingCode(c.req.param('code'));
    if (read === null) {
      return problem(c, 'invalid-request', {
        errors: [{ path: 'code', message: 'not a tracking code: 16 characters (4 groups of 4) or 43 base64url' }],
      });
    }
    const id = c.req.param('id');
    let ballots = deps.db.selectFrom('ballot').select(['seq', 'tracking_code']).where('election_id', '=', id);
    if (read.kind === 'full') {
      ballots = ballots.where('tracking_code', '=', read.code);
    } else {
      // A range of the primary key: every code that starts with the 10 bytes.
      const low = new Uint8Array(32);
      const high = new Uint8Array(32).fill(0xff);
      low.set(read.prefix);
      high.set(read.prefix);
      ballots = ballots.where('tracking_code', '>=', low).where('tracking_code', '<=', high);
    }
    const rows = await ballots.orderBy('seq').limit(MAX_MATCHES).execute();
    if (rows.length === 0) return refusal(c, { kind: 'entry-not-found' });
    return c.json({
      ballots: rows.map((r) => ({ position: r.seq, trackingCode: toBase64Url(r.tracking_code) })),
    });
  });

  app.get('/:id/board/consistency', answers(200, ConsistencySchema), async (c) => {
    const q = query(c, ConsistencyQuery);
    if (!q.ok) return q.response;
    const id = c.req.param('id');
    const second = q.value.second ?? (await latestTreeHead(deps.db, id))?.size ?? 0;
    const proof = await consistencyProof(deps.db, deps.nodes, id, q.value.first, second);
    if (!proof.ok) return refusal(c, proof.error);
    return c.json({
      first: encodeSignedTreeHead(proof.value.first),
      second: encodeSignedTreeHead(proof.value.second),
      proof: proof.value.proof.map(toBase64Url),
    });
  });

  return app;
}
