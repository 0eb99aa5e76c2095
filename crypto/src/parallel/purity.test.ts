// crypto/ is pure (HELPERS.md, DESIGN.md): no I/O, only @noble/* and zod. The exceptions are the
// worker pool of this folder, which only programs and tests import, and the tests' reader of
// docs/vectors/ (_vectors.ts), which only tests import.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));
const NODE_SIDE = new Set([
  'parallel/pool.ts',
  'parallel/worker.ts',
  'parallel/serve-tasks.ts',
  'parallel/example-tasks.ts',
  '_vectors.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.tmp.ts')
      ? [path]
      : [];
  });
}

describe('the pure crypto modules', () => {
  it('import only each other, @noble/* and zod — never node:* or the worker pool', () => {
    const problems: string[] = [];
    const files = sources(src);
    expect(files.map((f) => relative(src, f))).toContain(join('shuffle', 'proof.ts'));
    for (const path of files) {
      const name = relative(src, path);
      if (NODE_SIDE.has(name)) continue;
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)) {
        const spec = match[1] ?? match[2] ?? '';
        const allowed =
          (spec.startsWith('.') && !/parallel\/(pool|worker)\.ts$/.test(spec)) ||
          spec.startsWith('@noble/') ||
          spec === 'zod';
        if (!allowed) problems.push(`${name} imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
