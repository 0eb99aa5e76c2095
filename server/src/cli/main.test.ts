// `evotare` registers only the command a run names (./main.ts), so its commander program differs
// from run to run: the help still lists every command in order, an unknown command still gets
// commander's suggestion, and the command word is found after global options and their values.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./main.ts', import.meta.url));
const run = promisify(execFile);

async function evotare(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [cli, ...args], { env: { ...process.env, EVOTARE_LANG: 'en' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const COMMANDS = [
  'serve',
  'election',
  'roll',
  'codes',
  'credentials',
  'board',
  'observers',
  'officials',
  'mix',
  'trustee',
  'observe',
  'db',
];

describe('evotare, one command registered per run', { timeout: 60_000 }, () => {
  it('lists every command, in order, in the help', async () => {
    const { code, stdout } = await evotare('--help');
    expect(code).toBe(0);
    const listed = [...stdout.slice(stdout.indexOf('Commands:')).matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]);
    expect(listed).toEqual([...COMMANDS, 'help']);
  });

  it('suggests the command meant by an unknown word, and exits 1', async () => {
    const { code, stderr } = await evotare('serv');
    expect(code).toBe(1);
    expect(stderr).toContain("error: unknown command 'serv'\n(Did you mean serve?)");
  });

  it('finds the command after global options and their values', async () => {
    const roll = await evotare(
      '--server',
      'http://127.0.0.1:1',
      '--token-file',
      '/nonexistent',
      'roll',
      'import',
      '--help',
    );
    expect(roll.code).toBe(0);
    expect(roll.stdout).toContain('--encoding <encoding>');
    const mix = await evotare('--lang=ru', 'mix', '--help');
    expect(mix.code).toBe(0);
    expect(mix.stdout).toMatch(/keygen[\s\S]*run/);
  });
});
