// The trustee's, the mix node's and the observer's programs are installed and audited on their own (README,
// docs/OPERATIONS.md): they reach the server over HTTP only and depend on @evotare/crypto and
// @evotare/verifier, never on @evotare/server. Checked two ways, for each program (and for the
// verifier, which has the same rule):
//   - statically: every module reachable by `import`/`export … from`/`import()` from the program's
//     entry point, followed through the workspaces, is inside the allowed packages, and no bare
//     import names the server's storage, HTTP or build libraries;
//   - at run time: `<program> --help` runs in a child process with a module-load hook that records
//     every file Node loads, and none is the server's or one of those libraries'.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FORBIDDEN = ['@electric-sql/pglite', 'pg', 'kysely', 'hono', '@hono/node-server', 'esbuild', '@evotare/server'];
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

const PROGRAMS = [
  { name: 'evotare-trustee', entry: 'trustee/src/main.ts', packages: ['crypto', 'verifier', 'trustee'] },
  { name: 'evotare-mix', entry: 'mixnode/src/main.ts', packages: ['crypto', 'verifier', 'mixnode'] },
  { name: 'evotare-observe', entry: 'observer/src/main.ts', packages: ['crypto', 'verifier', 'observer'] },
  { name: 'evotare-verify', entry: 'verifier/src/main.ts', packages: ['crypto', 'verifier'] },
];

/** The specifiers a module imports: static imports and re-exports, side-effect imports, import(). */
function importsOf(source: string): string[] {
  const found = [
    ...source.matchAll(/^\s*(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

/** Every repository file reachable from `entry`, and every bare package imported on the way. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(root, entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const require = createRequire(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) packages.add(packageOf(spec));
      if (!spec.startsWith('.') && !spec.startsWith('@evotare/')) continue; // a library: not followed
      const target = spec.startsWith('.') ? resolve(dirname(file), spec) : realpathSync(require.resolve(spec));
      if (!existsSync(target)) throw new Error(`${relative(root, file)} imports ${spec}, which does not exist`);
      todo.push(target);
    }
  }
  return { files, packages };
}

describe.each(PROGRAMS)('$name stands alone', ({ name, entry, packages }) => {
  it('imports, from its entry point down, only its own package, crypto, the verifier and small libraries', () => {
    const graph = importGraph(entry);
    expect(graph.files.size).toBeGreaterThan(10);
    const outside = [...graph.files]
      .map((f) => relative(root, f))
      .filter((f) => !packages.some((p) => f.startsWith(`${p}/src/`)));
    expect(outside).toEqual([]);
    expect([...graph.packages].filter((p) => FORBIDDEN.includes(p) || p === '@evotare/client')).toEqual([]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'evotare-loaded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts (--help) without loading any of the server’s files or libraries', async () => {
    const record = join(dir, `${name}.json`);
    const hook = `data:text/javascript,${encodeURIComponent(`
      import { registerHooks } from 'node:module';
      import { writeFileSync } from 'node:fs';
      const loaded = new Set();
      registerHooks({ load(url, context, next) { loaded.add(url); return next(url, context); } });
      process.on('exit', () => writeFileSync(${JSON.stringify(record)}, JSON.stringify([...loaded])));
    `)}`;
    const r = await promisify(execFile)(process.execPath, ['--import', hook, resolve(root, entry), '--help']);
    expect(r.stdout).toMatch(new RegExp(`Usage: ${name}`));
    const loaded = (JSON.parse(readFileSync(record, 'utf8')) as string[])
      .filter((u) => u.startsWith('file:'))
      .map((u) => relative(root, realpathSync(fileURLToPath(u))));
    expect(loaded).toContain(entry);
    expect(loaded.some((f) => f.startsWith('node_modules/commander/'))).toBe(true);
    const bad = loaded.filter(
      (f) =>
        f.startsWith('server/') || f.startsWith('client/') || FORBIDDEN.some((p) => f.startsWith(`node_modules/${p}/`)),
    );
    expect(bad).toEqual([]);
  });
});
