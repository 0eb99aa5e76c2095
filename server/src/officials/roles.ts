// What each official's role may do on the officials' API (/api/v1/admin). One table, checked by
// the official-auth middleware before any route runs, so that a route added later is closed to
// every role but the administrator's until it is named here.
//
//   administrator  everything: elections, the key ceremony, voting, mixing, the result, officials
//   roll-clerk     reads everything; imports the roll, issues activation codes, revokes credentials
//   observer       reads everything but the IDNPs of voters still without a code, changes nothing
//
// The same table guards the server's Prometheus metrics, GET /metrics (outside /api/v1/admin, so
// named by that path): the process's internals are for those who watch the service — observers
// and administrators (a Prometheus server scrapes with an observer's token) — not for roll clerks.
import type { OfficialRole } from '../db/schema.ts';

/** Writes a roll clerk may make, as path patterns under /api/v1/admin. */
const ROLL_CLERK_WRITES: readonly RegExp[] = [
  /^\/elections\/[^/]+\/roll$/,
  /^\/elections\/[^/]+\/activation-codes$/,
  /^\/elections\/[^/]+\/revocations$/,
];

const READS = new Set(['GET', 'HEAD']);

/** The metrics' path (../metrics/metrics.ts): not a roll clerk's read. */
export const METRICS_PATH = '/metrics';

/** Reads that name voters (IDNPs): for those who issue codes, not for observers. */
const VOTER_READS: readonly RegExp[] = [/^\/elections\/[^/]+\/activation-codes\/pending$/];

/** Whether an official with `role` may send `method` to `path` (relative to /api/v1/admin). */
export function roleAllows(role: OfficialRole, method: string, path: string): boolean {
  switch (role) {
    case 'administrator':
      return true;
    case 'roll-clerk':
      return READS.has(method)
        ? path !== METRICS_PATH
        : method === 'POST' && ROLL_CLERK_WRITES.some((p) => p.test(path));
    case 'observer':
      return READS.has(method) && !VOTER_READS.some((p) => p.test(path));
    default: {
      const never: never = role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}
