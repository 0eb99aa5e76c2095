// Tests' stand-in for honest mix nodes (docs/SPEC.md §14.3): each shuffles the current list with a
// proof, signs and uploads it through the public API, until mixing is complete.
import { concatBytes } from '@evotare/crypto/bytes';
import type { GroupElement } from '@evotare/crypto/group';
import { genShuffleProof } from '@evotare/crypto/shuffle/proof';
import { rowList } from '@evotare/crypto/shuffle/rows';
import { genShuffle } from '@evotare/crypto/shuffle/shuffle';
import type { SigningKeyPair } from '@evotare/crypto/signature';
import { rowListDigest } from '@evotare/crypto/tally/list-digest';
import { packShuffleProof } from '@evotare/crypto/tally/mix-output';
import { MIX_UPLOAD_MEDIA_TYPE, mixUploadParts, signedMixUploadHeader } from '@evotare/crypto/tally/mix-upload';

interface MixingStatus {
  readonly state: string;
  readonly current: { rows: number; width: number; data: { attachment: string } | null } | null;
}

/** How to reach the API: fetch on a server's URL, or a test server's app.request. */
export type Request = (path: string, init?: RequestInit) => Promise<Response>;

/** Runs every mix node in turn through the API. */
export async function mixHonestly(
  request: Request,
  electionId: string,
  manifestHash: Uint8Array,
  electionKey: GroupElement,
  nodes: readonly SigningKeyPair[],
): Promise<void> {
  const base = `/api/v1/elections/${electionId}/`;
  for (const [nu, node] of nodes.entries()) {
    const status = (await (await request(`${base}mixing`)).json()) as MixingStatus;
    if (status.state !== 'mixing') return;
    const current = status.current!;
    const bytes = new Uint8Array(await (await request(`${base}attachments/${current.data!.attachment}`)).arrayBuffer());
    const input = rowList(bytes, current.width);
    const { output, witness } = await genShuffle(electionKey, input);
    const proof = await genShuffleProof(
      { manifestHash, mixNode: { index: nu, publicKey: node.publicKey }, electionKey, input, output },
      witness,
    );
    const inputDigest = rowListDigest(input);
    const header = signedMixUploadHeader(manifestHash, nu, inputDigest, output, proof, node.secretKey);
    const r = await request(`${base}mixing/outputs`, {
      method: 'POST',
      headers: { 'content-type': MIX_UPLOAD_MEDIA_TYPE },
      body: concatBytes(...mixUploadParts(header, output.bytes, packShuffleProof(proof))) as BodyInit,
    });
    if (r.status !== 201) throw new Error(`mix node ${nu}: upload refused: ${await r.text()}`);
  }
}
