// The mix node is a separate program that may run on another machine: it talks to the server over
// HTTP only. Its modules import crypto/, the CLI's HTTP client and libraries — never the server's
// internals (database, board writer, routes), so nothing it does can bypass the public API.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const ALLOWED = [
  /^@evotare\/crypto\//,
  /^node:/,
  /^commander$/,
  /^cli-progress$/,
  /^\.\/[a-z-]+\.ts$/,
  /^\.\.\/cli\/(client|download|board-follower|text)\.ts$/,
];

describe('the mix-node program', () => {
  const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  it.each(files)('%s imports only crypto, the CLI HTTP client and libraries', (file) => {
    const source = readFileSync(`${here}/${file}`, 'utf8');
    const imports = [...source.matchAll(/^(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports)
      expect(
        ALLOWED.some((re) => re.test(spec)),
        `${file} imports ${spec}`,
      ).toBe(true);
  });

  it('and so do the CLI modules it uses', () => {
    // The CLI's messages take their language type from ../http/i18n.ts, which imports nothing.
    const importsOf = (file: string) =>
      [...readFileSync(`${here}/${file}`, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map(
        (m) => m[1]!,
      );
    for (const file of ['../cli/client.ts', '../cli/download.ts', '../cli/board-follower.ts', '../cli/text.ts']) {
      for (const spec of importsOf(file))
        expect(
          /^@evotare\/crypto\/|^node:|^\.\/(client|text)\.ts$|^\.\.\/http\/i18n\.ts$/.test(spec),
          `${file} imports ${spec}`,
        ).toBe(true);
    }
    expect(importsOf('../http/i18n.ts')).toEqual([]);
  });
});
