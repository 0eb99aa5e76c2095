// The verifier as someone installs it without the repository (README, "Installing the verifier"):
// built (verifier/scripts/build.ts), packed with `npm pack`, installed with `npm install -g` into an
// empty prefix with no dev dependencies and no network, then run as `evotare-verify` — its version,
// and a whole election's board (docs/vectors/board-tallied: ballots, shuffles, decryptions) verified
// on worker threads, which the built file serves itself. The built file alone, copied elsewhere
// (the air-gapped case), verifies the same board.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BOARD = join(ROOT, 'docs/vectors/board-tallied');

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd = ROOT): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } },
      (e, stdout, stderr) => resolve({ code: e ? Number(e.code) : 0, stdout, stderr }),
    );
  });
}

describe('the installable verifier', () => {
  const work = mkdtempSync(join(tmpdir(), 'evotare-verifier-package-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const version = (JSON.parse(readFileSync(join(ROOT, 'verifier/package.json'), 'utf8')) as { version: string })
    .version;

  it('packs, installs into an empty prefix offline, and verifies a whole board as evotare-verify', async () => {
    const built = await run(process.execPath, ['verifier/scripts/build.ts']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const packed = await run('npm', ['pack', './verifier/dist', '--pack-destination', work, '--json']);
    expect(packed.code).toBe(0);
    const tgz = join(work, `evotare-verifier-${version}.tgz`);
    expect(readdirSync(work)).toContain(`evotare-verifier-${version}.tgz`);

    const prefix = join(work, 'prefix');
    const installed = await run('npm', [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--omit=dev',
      '--offline',
      '--no-audit',
      '--no-fund',
      tgz,
    ]);
    expect(installed.stderr).not.toMatch(/ERR!/);
    expect(installed.code).toBe(0);
    const bin = join(prefix, 'bin', 'evotare-verify');
    // nothing but the verifier itself was installed
    expect(readdirSync(join(prefix, 'lib', 'node_modules', '@evotare', 'verifier')).sort()).toEqual([
      'README.md',
      'THIRD-PARTY-LICENSES',
      'evotare-verify.mjs',
      'package.json',
    ]);

    const v = await run(bin, ['--version'], work);
    expect(v).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });

    const verified = await run(bin, [BOARD, '--threads', '2', '--lang', 'en'], work);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain(`e-Votare verifier ${version} — ${BOARD}`);
    expect(verified.stdout).toContain('election fingerprint EJHZ-MFPC-7DCF-QVFG-31XP');
    expect(verified.stdout).toMatch(/\n\d+ passed, 0 failed, 0 not run — the board verifies$/m);
    expect(verified.code).toBe(0);

    // the same checks, outcomes and values as the sources give, in JSON
    const fromPackage = JSON.parse((await run(bin, [BOARD, '--json', '--threads', '2'], work)).stdout);
    const expected = JSON.parse(readFileSync(`${BOARD}.expected.json`, 'utf8')) as {
      results: { id: string; outcome: string }[];
    };
    expect(fromPackage.version).toBe(version);
    expect(fromPackage.verdict).toBe('verifies');
    expect(fromPackage.results.map((r: { id: string; outcome: string }) => [r.id, r.outcome])).toEqual(
      expected.results.map((r) => [r.id, r.outcome]),
    );

    // --explain: the named intermediate values under their checks
    const explained = (await run(bin, [BOARD, '--explain', '--threads', '2', '--lang', 'en'], work)).stdout;
    expect(explained).toMatch(/ V12\.08 [^\n]*\n {7}size = \d+\n {7}time = [^\n]+\n {7}root = [\w-]{43}\n/);
    expect(explained).toMatch(/ V09\.15 [^\n]*\n {7}VK_1 = [\w-]{43}\n/);

    // the built file alone, elsewhere, on its own worker threads
    const alone = join(work, 'alone.mjs');
    copyFileSync(join(ROOT, 'verifier/dist/evotare-verify.mjs'), alone);
    const air = await run(process.execPath, [alone, BOARD, '--threads', '2', '--lang', 'ro'], work);
    expect(air.stdout).toMatch(/0 eșuate, 0 neefectuate — avizierul se verifică$/m);
    expect(air.code).toBe(0);
  });
});
