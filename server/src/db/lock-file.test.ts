import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryInUseError, isHolderAlive, lockDataDirectory, procStat } from './lock-file.ts';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'evotare-lockfile-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const linux = procStat(process.pid) !== null;

describe('the data directory lock file', () => {
  it('records host, PID and start time, and refuses a second holder while this process lives', () => {
    const dir = freshDir();
    const lock = lockDataDirectory(dir);
    const [host, pid, start] = readFileSync(lock.path, 'utf8').trim().split(' ');
    expect(host).toBe(hostname());
    expect(Number(pid)).toBe(process.pid);
    if (linux) expect(start).toBe(procStat(process.pid)!.startTime);
    expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryInUseError);
    lock.release();
    lockDataDirectory(dir).release();
  });

  it.runIf(linux)('takes over a lock whose PID now belongs to another process (a reused PID)', () => {
    const dir = freshDir();
    // This very PID, but a start time that is not this process's: the PID was reused.
    writeFileSync(join(dir, 'evotare.lock'), `${hostname()} ${process.pid} 1\n`);
    const lock = lockDataDirectory(dir);
    expect(readFileSync(lock.path, 'utf8')).toContain(`${hostname()} ${process.pid} `);
    lock.release();
  });

  it.runIf(linux)('takes over a lock held by a zombie (a process killed with -9 and not yet reaped)', async () => {
    // `sh` starts a child that exits at once, then becomes `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 20'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))),
      );
      for (let i = 0; i < 100 && procStat(zombie)?.state !== 'Z'; i++) await sleep(20);
      expect(procStat(zombie)?.state).toBe('Z');
      expect(() => process.kill(zombie, 0)).not.toThrow(); // what the old check relied on
      expect(isHolderAlive(zombie, procStat(zombie)!.startTime)).toBe(false);
      const dir = freshDir();
      writeFileSync(join(dir, 'evotare.lock'), `${hostname()} ${zombie} ${procStat(zombie)!.startTime}\n`);
      lockDataDirectory(dir).release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('keeps the lock of a live process on this host', () => {
    const dir = freshDir();
    const start = procStat(process.ppid)?.startTime ?? '-';
    writeFileSync(join(dir, 'evotare.lock'), `${hostname()} ${process.ppid} ${start}\n`);
    expect(() => lockDataDirectory(dir)).toThrow(/in use by another e-Votare process/);
  });
});
