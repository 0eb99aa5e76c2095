// Mixing over HTTP (docs/SPEC.md §14.6): GET …/:id/mixing (where the chain stands; public),
// POST …/:id/mixing/outputs (a mix node's output; authenticated by the node's signature, checked
// with everything else before anything is stored), and for officials POST …/:id/mixing/end (with a
// reason, from the mixing deadline on).

import { AttachmentRefSchema } from '@evotare/crypto/attachment';
import { SignedTreeHeadSchema } from '@evotare/crypto/board/tree-head';
import { fromUtf8 } from '@evotare/crypto/bytes';
import { MixInputPayloadSchema } from '@evotare/crypto/tally/mix-input';
import { MixingCompletedPayloadSchema, MixOutputPayloadSchema } from '@evotare/crypto/tally/mix-output';
import {
  decodeMixUploadHeader,
  MAX_MIX_UPLOAD_HEADER,
  MIX_UPLOAD_MEDIA_TYPE,
  maxMixUploadSize,
  mixUploadBodySize,
} from '@evotare/crypto/tally/mix-upload';
import { MAX_MIXING_END_REASON } from '@evotare/crypto/tally/mixing-deadline';
import { textSchema } from '@evotare/crypto/wire-schema';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { Base64Url32, Count, Position, State } from '../http/answer-parts.ts';
import type { AppEnv } from '../http/env.ts';
import { answers } from '../http/middleware/answers/index.ts';
import { jsonBody } from '../http/middleware/json-body/index.ts';
import { problem, refusal } from '../http/problem.ts';
import { body, send } from '../http/request.ts';
import { acceptMixOutput, checkUploadHeader, endMixing, mixingStatus, oneUploadAtATime } from './mixing.ts';
import { BodyReader } from './upload.ts';

const Seq = { seq: Position };
/** A mix node by its place in the manifest, from 0 (as on the board, SPEC §14). */
const MixIndex = z.int().min(0);

/** Where the mixing stands (MixingStatus): the board's entries with their positions. */
const MixingStatusSchema = z.strictObject({
  state: State,
  mixingPeriod: Count.nullable(),
  deadline: z.string().nullable(),
  mixNodes: z.array(z.strictObject({ index: MixIndex, name: z.string(), signingKey: Base64Url32, mixed: z.boolean() })),
  mixInput: MixInputPayloadSchema.extend(Seq).nullable(),
  current: z
    .strictObject({
      list: Base64Url32,
      rows: Count,
      width: z.int().min(1),
      data: AttachmentRefSchema.nullable(),
      seq: Position,
      mixed: z.array(MixIndex),
    })
    .nullable(),
  outputs: z.array(MixOutputPayloadSchema.extend(Seq)),
  completed: z.union(MixingCompletedPayloadSchema.options.map((o) => o.extend(Seq))).nullable(),
});

/** A mix node's output accepted (AcceptedMixOutput). */
const AcceptedMixOutputSchema = z.strictObject({
  position: Position,
  entryHash: Base64Url32,
  treeHead: SignedTreeHeadSchema.nullable(),
  completed: z.boolean(),
});

export function mixingRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id/mixing', answers(200, MixingStatusSchema), async (c) =>
    send(c, await mixingStatus(deps, c.req.param('id'))),
  );

  app.post('/:id/mixing/outputs', answers(201, AcceptedMixOutputSchema), async (c) => {
    const electionId = c.req.param('id');
    const type = c.req.header('content-type') ?? '';
    if (type.split(';')[0]!.trim().toLowerCase() !== MIX_UPLOAD_MEDIA_TYPE) {
      return problem(c, 'unsupported-media-type', { detail: `send ${MIX_UPLOAD_MEDIA_TYPE}` });
    }
    const body = c.req.raw.body;
    if (body === null) return problem(c, 'invalid-request', { detail: 'no body' });
    const reader = new BodyReader(body);
    // Once the size is known (N and w), what may still be discarded so that the answer arrives.
    let leftToDiscard = 0;
    try {
      return await oneUploadAtATime(deps, electionId, async () => {
        const length = await reader.take(4);
        const headerLength = length === null ? 0 : new DataView(length.buffer).getUint32(0);
        if (length === null || headerLength < 2 || headerLength > MAX_MIX_UPLOAD_HEADER) {
          return problem(c, 'invalid-request', { detail: `the header takes 2 … ${MAX_MIX_UPLOAD_HEADER} bytes` });
        }
        const headerBytes = await reader.take(headerLength);
        const header = headerBytes && decodeMixUploadHeader(headerBytes);
        if (!header) {
          return problem(c, 'invalid-request', {
            detail: `the header is not { mixNode, input, output, proof, signature }: ${headerBytes ? fromUtf8(headerBytes).slice(0, 200) : 'cut short'}`,
          });
        }
        const target = await checkUploadHeader(deps, electionId, header);
        if (!target.ok) return refusal(c, target.error);

        const { rows, width } = target.value.input;
        leftToDiscard = maxMixUploadSize(rows, width);
        // Generous for a real node (30 s, and 1 s per megabyte) but not forever: the slot is the election's.
        reader.setDeadline(30_000 + maxMixUploadSize(rows, width) / 1000);
        const declared = Number(c.req.header('content-length') ?? Number.NaN);
        if (Number.isFinite(declared) && declared > maxMixUploadSize(rows, width)) {
          return problem(c, 'payload-too-large', { detail: `at most ${maxMixUploadSize(rows, width)} bytes` });
        }
        const size = mixUploadBodySize(rows, width);
        const output = await reader.take(size.list);
        const packedProof = output && (await reader.take(size.proof));
        if (!output || !packedProof) {
          if (reader.timedOut) {
            return problem(c, 'invalid-request', { detail: `the upload was too slow: ${reader.read} bytes in time` });
          }
          return problem(c, 'invalid-request', {
            detail: `the upload ended after ${reader.read} bytes; ${4 + headerLength + size.list + size.proof} are needed for ${rows} rows of width ${width}`,
          });
        }
        if (!(await reader.atEnd())) {
          return problem(c, 'payload-too-large', {
            detail: `more than the ${4 + headerLength + size.list + size.proof} bytes of ${rows} rows of width ${width}`,
          });
        }
        const accepted = await acceptMixOutput(deps, electionId, target.value, header, output, packedProof);
        return send(c, accepted, 201);
      });
    } finally {
      await reader.discard(leftToDiscard);
    }
  });
  return app;
}

/** Why officials end the mixing without every node (§14.3): it goes on the board, so it must say something. */
const EndMixingBody = z.strictObject({
  reason: z.string().trim().pipe(textSchema(MAX_MIXING_END_REASON)),
});

/** The mixing ended without every node (EndedMixing). */
const EndedMixingSchema = z.strictObject({
  state: State,
  position: Position,
  list: Base64Url32,
  mixNodes: z.array(MixIndex),
  notMixed: z.array(MixIndex),
  deadline: z.string(),
  reason: z.string(),
});

export function mixingAdminRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/:id/mixing/end', answers(200, EndedMixingSchema), jsonBody(EndMixingBody), async (c) =>
    send(
      c,
      await endMixing(deps, c.req.param('id'), c.get('official').name, body<z.infer<typeof EndMixingBody>>(c).reason),
    ),
  );
  return app;
}
