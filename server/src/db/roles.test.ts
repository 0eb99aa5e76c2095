import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeploymentDatabase, type DeploymentDatabase } from '../testing/deployment-database.ts';
import { migrateAsOwner, openDatabase } from './database.ts';
import { DatabaseRoleError } from './roles.ts';

const admin = process.env.EVOTARE_TEST_DATABASE_URL;

// Roles exist only on PostgreSQL; test/src/deployment.test.ts tries every forbidden statement.
describe.skipIf(!admin)(
  admin ? 'the owner and runtime roles on PostgreSQL' : 'roles (skipped: EVOTARE_TEST_DATABASE_URL is not set)',
  () => {
    let d: DeploymentDatabase;
    beforeAll(async () => {
      d = await createDeploymentDatabase(admin!);
    });
    afterAll(() => d?.drop());

    it('a runtime role cannot migrate: the server names the command that can', async () => {
      await expect(openDatabase({ url: d.runtimeUrl })).rejects.toThrow(/run `evotare db migrate`/);
    });

    it('refuses to grant the owner itself or a superuser as the runtime role', async () => {
      await expect(migrateAsOwner(d.ownerUrl, d.ownerRole)).rejects.toThrow(DatabaseRoleError);
      await expect(migrateAsOwner(d.ownerUrl, new URL(admin!).username)).rejects.toThrow(/superuser/);
      await expect(migrateAsOwner(d.ownerUrl, 'no_such_role')).rejects.toThrow(/does not exist/);
    });

    it('migrates once as the owner, then the runtime role starts on the current schema', async () => {
      expect((await migrateAsOwner(d.ownerUrl, d.runtimeRole)).length).toBeGreaterThan(0);
      expect(await migrateAsOwner(d.ownerUrl, d.runtimeRole)).toEqual([]);
      const h = await openDatabase({ url: d.runtimeUrl, poolSize: 2 });
      try {
        await h.db
          .insertInto('election')
          .values({ id: 'e', definition: '{}', state: 'draft', roll_salt: new Uint8Array(32) })
          .execute();
        await h.db.updateTable('election').set({ state: 'open' }).where('id', '=', 'e').execute();
        const row = await h.db.selectFrom('election').select('state').executeTakeFirstOrThrow();
        expect(row.state).toBe('open');
      } finally {
        await h.close();
      }
    });

    it('a server given MIGRATION_DATABASE_URL migrates and grants at start', async () => {
      const sibling = await d.createSibling();
      const h = await openDatabase({ url: sibling.runtimeUrl, migrationUrl: sibling.ownerUrl, poolSize: 2 });
      try {
        expect(await h.db.selectFrom('board_entry').select('seq').execute()).toEqual([]);
      } finally {
        await h.close();
      }
    });
  },
);
