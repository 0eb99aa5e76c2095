// A lock file that keeps a second process out of an embedded database's data directory. PGlite
// does not lock its directory itself, and two processes writing it would corrupt it.
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

function isAlive(pid: number): boolean {
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
  const me = `${hostname()} ${process.pid}`;
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
      const [host, pidText] = holder.split(' ');
      const pid = Number(pidText);
      if (host === hostname() && Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
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
