// The trustee's program is a separate party: it reaches the server over HTTP only, so it imports
// nothing of the server but the CLI's HTTP client (and the attachment download and the CLI's
// messages beside it; ../mixnode/independence.test.ts checks what those import).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ALLOWED_OUTSIDE = new Set([
  '../cli/client.ts',
  '../cli/download.ts',
  '../cli/board-follower.ts',
  '../cli/text.ts',
]);

describe('the trustee program', () => {
  it('imports only crypto, its own modules, libraries and the CLI’s HTTP client', () => {
    const dir = new URL('./', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files).toContain('decrypt.ts');
    for (const file of files) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const [, from] of source.matchAll(/^import[^;]*? from '([^']+)';/gms)) {
        const ok =
          from!.startsWith('./') ||
          ALLOWED_OUTSIDE.has(from!) ||
          from!.startsWith('@evotare/crypto/') ||
          !from!.startsWith('.');
        expect(ok, `${file} imports ${from}`).toBe(true);
        expect(from!.startsWith('@evotare/server'), `${file} imports ${from}`).toBe(false);
      }
    }
  });
});
