// A lock file that keeps a second process out of an embedded database's data directory. PGlite
// does not lock its directory itself, and two processes writing it would corrupt it.
//
// The file names its holder by host, PID and the process's start time. A holder is alive only if
// a process with that PID exists, is not a zombie (a process killed with -9 stays one until its
// parent reaps it: `process.kill(pid, 0)` still succeeds) and started at that time (a PID reused
// by an unrelated process does not hold the directory). Start time and state come from
// /proc/<pid>/stat on Linux; elsewhere, only the PID is checked.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirectoryInUseError extends Error {
  constructor(dir: string, holder: string) {
    super(
      `The data directory ${dir} is in use by another e-Votare process (${holder}). ` +
        'Stop that process first, or set EVOTARE_DATA_DIR to another directory.',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

interface ProcStat {
  /** One letter: R, S, D, Z (zombie), X (dead), … */
  readonly state: string;
  /** Clock ticks after boot when the process started. */
  readonly startTime: string;
}

/** Fields 3 and 22 of /proc/<pid>/stat, or null if there is no such process or no /proc. */
export function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses; it ends at the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : null;
}

const hasProc = procStat(process.pid) !== null;

/** This process's start time as the lock file records it ('-' without /proc). */
function myStartTime(): string {
  return procStat(process.pid)?.startTime ?? '-';
}

export function isHolderAlive(pid: number, startTime: string | undefined): boolean {
  if (hasProc) {
    const stat = procStat(pid);
    if (stat === null || stat.state === 'Z' || stat.state === 'X') return false;
    return startTime === undefined || startTime === '-' || stat.startTime === startTime;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LockFile {
  readonly path: string;
  release(): void;
}

/**
 * Takes `<dir>/evotare.lock`, or throws DataDirectoryInUseError if a live process holds it. A lock
 * left by a process that died is taken over.
 */
export function lockDataDirectory(dir: string): LockFile {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'evotare.lock');
  const me = `${hostname()} ${process.pid} ${myStartTime()}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = '';
      try {
        holder = readFileSync(path, 'utf8').trim();
      } catch {
        continue; // released meanwhile
      }
      const [host, pidText, startTime] = holder.split(' ');
      const pid = Number(pidText);
      if (host === hostname() && Number.isInteger(pid) && pid > 0 && !isHolderAlive(pid, startTime)) {
        rmSync(path, { force: true }); // a stale lock from a process that died
        continue;
      }
      throw new DataDirectoryInUseError(dir, holder === '' ? 'unknown' : `host ${host}, pid ${pidText}`);
    }
    writeSync(fd, `${me}\n`);
    closeSync(fd);
    let released = false;
    return {
      path,
      release() {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === me) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      },
    };
  }
  throw new DataDirectoryInUseError(dir, 'it keeps changing hands');
}
