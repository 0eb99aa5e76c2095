// Every migration, by its dated name. Kysely runs them in name order, once each.
import type { Migration } from 'kysely/migration';
import * as initialSchema from './2026-11-23-01-initial-schema.ts';
import * as ceremonyPhaseAndCounting from './2026-11-23-02-ceremony-phase-and-counting.ts';
import * as attachments from './2026-11-24-01-attachments.ts';
import * as latestBallot from './2026-12-03-01-latest-ballot.ts';
import * as officialRoles from './2026-12-03-02-official-roles.ts';
import * as rateLimitBuckets from './2026-12-03-05-rate-limit-buckets.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-23-01-initial-schema': initialSchema,
  '2026-11-23-02-ceremony-phase-and-counting': ceremonyPhaseAndCounting,
  '2026-11-24-01-attachments': attachments,
  '2026-12-03-01-latest-ballot': latestBallot,
  '2026-12-03-02-official-roles': officialRoles,
  '2026-12-03-05-rate-limit-buckets': rateLimitBuckets,
};
