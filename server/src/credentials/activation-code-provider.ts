// Identity by activation code: the voter gives IDNP, date of birth and the code from the letter.
// The check is constant-time, takes the same time for an unknown IDNP, and locks the code after
// MAX_FAILED_ATTEMPTS wrong codes given with the right date of birth (an official then issues a
// new one).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { err, ok } from '../result.ts';
import { activationCodeMatches, CODE_SCRYPT, dummyActivationCheck, type ScryptParams } from './activation-code.ts';
import type { IdentityProvider } from './identity-provider.ts';

export const MAX_FAILED_ATTEMPTS = 5;

export const ActivationClaimSchema = z.strictObject({
  idnp: z.string().regex(/^\d{13}$/, '13 digits'),
  birthDate: z.iso.date(),
  code: z.string().min(1).max(64),
});
export type ActivationClaim = z.infer<typeof ActivationClaimSchema>;

/**
 * `codeScrypt`: the parameters codes are sealed with (the configured cost), so that an unknown IDNP
 * or a locked code costs the same scrypt as a real check (SPEC §13.3 step 2).
 */
export function activationCodeProvider(db: Kysely<Database>, codeScrypt: ScryptParams = CODE_SCRYPT): IdentityProvider {
  return {
    name: 'activation-code',

    async verify(electionId, claim) {
      const parsed = ActivationClaimSchema.safeParse(claim);
      if (!parsed.success) return err({ kind: 'activation-failed' });
      const { idnp, birthDate, code } = parsed.data;
      const row = await db
        .selectFrom('voter')
        .innerJoin('activation_code', 'activation_code.voter_id', 'voter.id')
        .select([
          'voter.id as voterId',
          'voter.birth_date as birthDate',
          'activation_code.hash',
          'activation_code.salt',
          'activation_code.params',
          'activation_code.issued_at as issuedAt',
          'activation_code.used_at as usedAt',
          'activation_code.failed_attempts as failedAttempts',
        ])
        .where('voter.election_id', '=', electionId)
        .where('voter.idnp', '=', idnp)
        .executeTakeFirst();
      if (!row) {
        await dummyActivationCheck(codeScrypt);
        return err({ kind: 'activation-failed' });
      }
      // The scrypt is computed on every path, so that the time taken says nothing (SPEC §13.3).
      const codeOk = await activationCodeMatches(code, row);
      // A wrong date of birth is refused as an unknown IDNP is, and is not counted: only someone who
      // knows who the voter is (IDNP and date of birth) can lock the code or learn that it is locked.
      if (row.birthDate !== birthDate) return err({ kind: 'activation-failed' });
      if (row.failedAttempts >= MAX_FAILED_ATTEMPTS) return err({ kind: 'activation-locked' });
      if (!codeOk) {
        // Counted outside any transaction that could roll back: a wrong try always counts.
        const updated = await db
          .updateTable('activation_code')
          .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
          .where('voter_id', '=', row.voterId)
          .returning('failed_attempts')
          .executeTakeFirst();
        const failed = updated?.failed_attempts ?? 0;
        return err(
          failed >= MAX_FAILED_ATTEMPTS
            ? { kind: 'activation-locked' }
            : { kind: 'activation-failed', triesLeft: MAX_FAILED_ATTEMPTS - failed },
        );
      }
      if (row.usedAt !== null) return err({ kind: 'already-activated' });
      return ok({ voterId: row.voterId, evidence: new Date(row.issuedAt).toISOString() });
    },

    async consume(tx, ticket) {
      // Single use: only the code that was checked (same issue time), only if still unused.
      const used = await tx
        .updateTable('activation_code')
        .set({ used_at: new Date() })
        .where('voter_id', '=', ticket.voterId)
        .where('issued_at', '=', new Date(ticket.evidence))
        .where('used_at', 'is', null)
        .where('failed_attempts', '<', MAX_FAILED_ATTEMPTS)
        .executeTakeFirst();
      return Number(used.numUpdatedRows) === 1 ? ok(undefined) : err({ kind: 'already-activated' });
    },
  };
}
