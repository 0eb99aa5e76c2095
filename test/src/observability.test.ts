// `evotare serve` as a process: its standard output is JSON log lines only (pino), with the banner
// (the address, the sample voters and their codes) on standard error; /metrics and
// /api/v1/openapi.json are served by the running server.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../server/src/cli/main.ts', import.meta.url));

describe('the server process’s output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evotare-observability-'));
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let url = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [cli, '--lang', 'en', 'serve', '--sample'], {
      env: { ...process.env, EVOTARE_DATA_DIR: join(dir, 'data'), HOST: '127.0.0.1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    url = await new Promise<string>((resolve, reject) => {
      child.stderr!.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        const m = /running at (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
    });
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes only JSON lines on stdout, the banner and the sample codes on stderr', async () => {
    await fetch(`${url}/api/v1/elections`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const entry = JSON.parse(line) as { level: string; msg: string; time: string };
      expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
      expect(typeof entry.msg).toBe('string');
      expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    }
    expect(lines.some((l) => l.includes('"msg":"request"') && l.includes('"route":"/api/v1/elections"'))).toBe(true);
    const codes = [...stderr.matchAll(/\b([A-Z0-9]{5}(?:-[A-Z0-9]{5}){3})\b/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(stdout).not.toContain(code);
    expect(stderr).toContain('Sample election');
  });

  it('serves /metrics and the OpenAPI document', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    // The first official's token (bootstrapped on the embedded database) is an administrator's.
    const token = readFileSync(join(dir, 'data', 'official-token'), 'utf8').trim();
    const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('evotare_http_requests_total{method="GET",route="/api/v1/elections",status="200"}');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/elections/{id}/ballots', '/api/v1/admin/officials/{name}/revoke']),
    );
  });
});
