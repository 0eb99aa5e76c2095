// A database laid out as in a deployment (deploy/postgres/init.sh, docs/OPERATIONS.md "PostgreSQL
// roles"): an owner role that runs the migrations, a runtime role the servers connect as, and a
// database owned by the first that the second may only connect to. On the server `admin` names
// (a superuser: the CI's EVOTARE_TEST_DATABASE_URL); `drop()` removes the databases and both roles.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface DeploymentDatabase {
  readonly ownerRole: string;
  readonly runtimeRole: string;
  /** The database as the owner role (MIGRATION_DATABASE_URL). */
  readonly ownerUrl: string;
  /** The database as the runtime role (DATABASE_URL). */
  readonly runtimeUrl: string;
  /** Another empty database with the same roles (a restore's target); dropped with the rest. */
  createSibling(): Promise<{ ownerUrl: string; runtimeUrl: string }>;
  drop(): Promise<void>;
}

async function asAdmin(admin: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

export async function createDeploymentDatabase(admin: string): Promise<DeploymentDatabase> {
  const suffix = randomBytes(5).toString('hex');
  const ownerRole = `evotare_owner_${suffix}`;
  const runtimeRole = `evotare_app_${suffix}`;
  const databases: string[] = [];
  const urlOf = (role: string, database: string) => {
    const u = new URL(admin);
    u.username = role;
    u.password = 'a password for the tests';
    u.pathname = `/${database}`;
    return u.toString();
  };
  const create = async () => {
    const name = `evotare_deploy_${suffix}_${databases.length}`;
    await asAdmin(admin, [
      `create database ${name} owner ${ownerRole}`,
      `revoke all on database ${name} from public`,
      `grant connect, temporary on database ${name} to ${runtimeRole}`,
    ]);
    databases.push(name);
    // PostgreSQL 14 and older let anyone create tables in public: not the runtime role.
    const inside = new URL(admin);
    inside.pathname = `/${name}`;
    await asAdmin(inside.toString(), ['revoke create on schema public from public']);
    return { ownerUrl: urlOf(ownerRole, name), runtimeUrl: urlOf(runtimeRole, name) };
  };
  await asAdmin(admin, [
    `create role ${ownerRole} login password 'a password for the tests'`,
    `create role ${runtimeRole} login password 'a password for the tests'`,
  ]);
  const first = await create();
  return {
    ownerRole,
    runtimeRole,
    ...first,
    createSibling: create,
    async drop() {
      await asAdmin(admin, [
        ...databases.map((d) => `drop database if exists ${d} with (force)`),
        `drop role if exists ${runtimeRole}`,
        `drop role if exists ${ownerRole}`,
      ]);
    },
  };
}
