// Reading the Merkle tree's perfect nodes from the database. A node never changes once its leaves
// exist, so what is read from the database (committed) can be cached for the process's life —
// one cache per database.
import type { TreeNode } from '@evotare/crypto/board/merkle';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

const key = (electionId: string, n: TreeNode) => `${electionId}\u0000${n.level}\u0000${n.index}`;

export class NodeCache {
  readonly #map = new Map<string, Uint8Array>();
  readonly #limit: number;

  constructor(limit = 200_000) {
    this.#limit = limit;
  }

  /**
   * The hashes of `nodes`, in order; throws if one is missing (a bug: proofs only ask for nodes
   * that exist). `db` may be a transaction: nodes it made itself must not be asked for here.
   */
  async read(db: Kysely<Database>, electionId: string, nodes: readonly TreeNode[]): Promise<Uint8Array[]> {
    const missing = new Map<string, TreeNode>();
    for (const n of nodes) if (!this.#map.has(key(electionId, n))) missing.set(key(electionId, n), n);
    if (missing.size > 0) {
      const rows = await db
        .selectFrom('board_node')
        .select(['level', 'idx', 'hash'])
        .where('election_id', '=', electionId)
        .where(
          sql<boolean>`(level, idx) in (${sql.join([...missing.values()].map((n) => sql`(${n.level}::int, ${n.index}::bigint)`))})`,
        )
        .execute();
      if (this.#map.size + rows.length > this.#limit) this.#map.clear();
      for (const r of rows) this.#map.set(key(electionId, { level: r.level, index: r.idx }), new Uint8Array(r.hash));
    }
    return nodes.map((n) => {
      const h = this.#map.get(key(electionId, n));
      if (h === undefined) throw new Error(`board node ${n.level}/${n.index} of ${electionId} is missing`);
      return h;
    });
  }
}

/** A lookup function over nodes read beforehand (for crypto's rangeHash). */
export function nodeLookup(nodes: readonly TreeNode[], hashes: readonly Uint8Array[]) {
  const m = new Map<string, Uint8Array>();
  nodes.forEach((n, i) => {
    m.set(key('', n), hashes[i]!);
  });
  return (n: TreeNode): Uint8Array => {
    const h = m.get(key('', n));
    if (h === undefined) throw new Error(`node ${n.level}/${n.index} was not read`);
    return h;
  };
}
