// The README's first command: `npm run demo` runs a whole election on the embedded database and
// checks it. Run here with a few voters, as a new user would, through the same entry point.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../server/src/demo/main.ts', import.meta.url));
const run = promisify(execFile);

describe('npm run demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-demo-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a whole election, publishes the result the voters chose, and the verifier confirms it', {
    timeout: 300_000,
  }, async () => {
    const out = join(dir, 'board');
    const { stdout } = await run(process.execPath, [demo, '--voters', '12', '--lang', 'en', '--out', out], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/✓ The published result equals the choices the voters made\./);
    expect(stdout).toMatch(/✓ The verifier confirms the board: every check passes\./);
    expect(stdout).toMatch(/Maia Sandu/);
    // every party followed the board, so before acting it read only what came after (SPEC §15.1)
    expect(stdout).toMatch(
      /mix node 1: checked the board before acting, read from entry \d+ on \(kept state\): 2 new entries, 0 ballots and 0 shuffle/,
    );
    expect(stdout).toMatch(/mix node 3: .*\(kept state\): 4 new entries, 0 ballots and 2 shuffle/);
    expect(stdout).toMatch(/trustee 1: .*\(kept state\): 2 new entries, 0 ballots and 1 shuffle/);
    expect(stdout).toMatch(/Time of each phase/);
    expect(existsSync(join(out, 'tree-head.json'))).toBe(true);
    expect(existsSync(join(out, 'attachments'))).toBe(true);
  });
});
