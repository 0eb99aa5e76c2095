import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { DiskGuard } from '../db/disk-guard.ts';
import type { Deps } from '../deps.ts';
import { healthRoutes } from './routes.ts';

const dir = mkdtempSync(join(tmpdir(), 'evotare-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The health routes read only the database, its kind and the storage state. */
const routesOn = (h: DatabaseHandle, storage?: DiskGuard) =>
  healthRoutes({
    db: h.db,
    databaseKind: h.kind,
    ...(storage ? { storage: () => storage.status() } : {}),
  } as Deps);

describe('health routes', () => {
  it('/readyz: ready with a database, not ready once it is gone or the disk is full; /healthz always answers', async () => {
    const h = await openDatabase({ inMemory: true });
    const app = routesOn(h);
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready', database: 'pglite' });
    const full = routesOn(h, new DiskGuard(dir, { minFreeBytes: Number.MAX_SAFE_INTEGER, checkEveryMs: 0 }));
    const r = await full.request('/readyz');
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ status: 'not ready', reason: 'storage full' });
    await h.close();
    const gone = await app.request('/readyz');
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ status: 'not ready', reason: 'database unreachable' });
    expect((await app.request('/healthz')).status).toBe(200);
  });
});
