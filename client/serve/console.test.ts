import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consoleRoutes } from './console.ts';

const app = consoleRoutes();

describe('the officials’ console page', () => {
  it('is in Romanian by default, holds nothing secret, and loads its bundle with an integrity digest', async () => {
    const r = await app.request('/console');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const page = await r.text();
    expect(page).toContain('<html lang="ro">');
    expect(page).toContain('Consola funcționarilor electorali');
    expect(page).not.toMatch(/<script>|<style>| style=|evo_/);
    const script = /<script type="module" src="(\/console\/console-\w+\.js)" integrity="(sha384-[^"]+)">/.exec(page);
    const js = new Uint8Array(await (await app.request(script![1]!)).arrayBuffer());
    expect(`sha384-${createHash('sha384').update(js).digest('base64')}`).toBe(script![2]);
    // The console's script carries no cryptography: it only shows what the admin API says.
    expect(js.length).toBeLessThan(100_000);
    const css = /<link rel="stylesheet" href="(\/console\/console-style-\w+\.css)"/.exec(page);
    expect(await (await app.request(css![1]!)).text()).toContain('.table-scroll');
  });

  it('switches language by ?lang= and keeps the election in the switch', async () => {
    const page = await (await app.request('/console?election=e1&lang=ru')).text();
    expect(page).toContain('<html lang="ru">');
    expect(page).toContain('Консоль сотрудников');
    expect(page).toContain('href="?election=e1&amp;lang=en"');
  });
});
