// `evotare officials …`: add, list and revoke officials over the API (an administrator's token),
// and `bootstrap`, which makes the first administrator directly in the database — from any
// instance or any machine that reaches the database (DATABASE_URL), so the token is written where
// the operator runs it, not on whichever instance happened to start first.
import { writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import type { ApiClient } from '@evotare/verifier/remote/client';
import { type Command, Option } from 'commander';
import { recordOfficialAction } from '../audit.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { OFFICIAL_ROLES } from '../db/schema.ts';
import { silentLogger } from '../log.ts';
import { bootstrapOfficial, type OfficialListing } from '../officials/officials.ts';
import type { CliTextKey } from './text.ts';

export interface OfficialsCommandDeps {
  readonly api: () => ApiClient;
  readonly t: (key: CliTextKey, values?: Record<string, string | number>) => string;
}

export function addOfficialsCommands(officials: Command, { api, t }: OfficialsCommandDeps): void {
  officials
    .command('add')
    .argument('<name>')
    .addOption(new Option('--role <role>', 'what the official may do').choices(OFFICIAL_ROLES).default('administrator'))
    .option('--expires <time>', 'the token is refused from this ISO 8601 time on (e.g. 2026-12-31T23:59:00+02:00)')
    .action(async (name: string, opts: { role: string; expires?: string }) => {
      const r = await api().post<{ name: string; role: string; expiresAt: string | null; token: string }>(
        '/api/v1/admin/officials',
        { name, role: opts.role, ...(opts.expires ? { expiresAt: opts.expires } : {}) },
      );
      console.log(t('officialRole', { role: r.role, expires: r.expiresAt ?? '—' }));
      console.log(t('officialAdded', { name: r.name, token: r.token }));
    });
  officials
    .command('list')
    .description('every official, with role, expiry and whether the token is accepted now')
    .action(async () => {
      const r = await api().get<{ officials: OfficialListing[] }>('/api/v1/admin/officials');
      for (const o of r.officials) {
        const status = o.active
          ? t('officialActive')
          : o.revokedAt
            ? t('officialRevokedAt', { time: o.revokedAt })
            : t('officialExpired');
        console.log(`${o.name}\t${o.role}\t${o.expiresAt ?? '—'}\t${status}`);
      }
    });
  officials
    .command('revoke')
    .description("refuse an official's token from now on (the official stays listed, for the audit log)")
    .argument('<name>')
    .action(async (name: string) => {
      await api().post(`/api/v1/admin/officials/${encodeURIComponent(name)}/revoke`, {});
      console.log(t('officialRevoked', { name }));
    });
  officials
    .command('bootstrap')
    .description(
      'make the first administrator directly in the database (DATABASE_URL, or the embedded one in EVOTARE_DATA_DIR while no server holds it); refused while an administrator is active',
    )
    .option('--name <name>', "the administrator's name", 'cec-admin')
    .option('--out <file>', 'write the token to this new file (mode 0600) instead of printing it')
    .action(async (opts: { name: string; out?: string }) => {
      const config = loadConfig();
      const handle = config.databaseUrl
        ? await openDatabase({ url: config.databaseUrl, log: silentLogger })
        : await openDatabase({ dataDir: config.dataDir, minFreeBytes: config.minFreeBytes, log: silentLogger });
      try {
        const r = await bootstrapOfficial(handle.db, opts.name);
        if (!r.ok) {
          console.error(
            r.error.kind === 'officials-exist'
              ? t('bootstrapRefused', { names: r.error.detail })
              : t('officialNameTaken', { name: opts.name }),
          );
          process.exitCode = 2;
          return;
        }
        const by = `bootstrap by ${userInfo().username}@${hostname()}`;
        await recordOfficialAction(handle.db, by, 'officials.bootstrap', null, { name: r.value.name });
        if (opts.out) {
          writeFileSync(opts.out, `${r.value.token}\n`, { mode: 0o600, flag: 'wx' });
          console.log(t('bootstrapWritten', { name: r.value.name, file: opts.out }));
        } else {
          console.log(t('officialAdded', { name: r.value.name, token: r.value.token }));
        }
      } finally {
        await handle.close();
      }
    });
}
