// Every migration, by its dated name. Kysely runs them in name order, once each.
import type { Migration } from 'kysely/migration';
import * as initialSchema from './2026-11-23-01-initial-schema.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-23-01-initial-schema': initialSchema,
};
