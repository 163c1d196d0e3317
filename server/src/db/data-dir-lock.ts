import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * One process at a time on an embedded data dir.
 *
 * PostgreSQL keeps a second server off its data dir with `postmaster.pid`, but PGlite's
 * PostgreSQL runs in WebAssembly with a made-up process id (-42) and cannot see other
 * processes: a second `npm start` (on another PORT), or `npm run db:seed` while the server
 * runs, opened the same files with a buffer cache of its own, and the two would overwrite
 * each other's pages. This lock is PostgreSQL's rule in Node: a file beside the data dir
 * holding the owner's process id; a lock whose process is gone (a crash) is taken over.
 */
export interface DataDirLock {
  /** Removes the lock, if it is still this process's. */
  release(): void;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly lockPath: string,
    /** Undefined when the process is this one, or could not be read from the lock. */
    readonly ownerPid?: number,
  ) {
    super(
      `The embedded database is in use by ${ownerPid ? `process ${ownerPid}` : 'another process'} ` +
        `(a Tasklane server or script on the same DATA_DIR). Stop it first, or set DATA_DIR to ` +
        `another directory. If no such process is running, delete ${lockPath}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/** Lock files this process holds: a second database on one of them is refused too. */
const held = new Set<string>();

/** The process id in a lock file, or undefined for a file that names none. */
function ownerOf(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  // Our own id in a lock we do not hold: a crashed process had it (containers reuse ids).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Links `from` to `to`: false if `to` exists. */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the lock at `lockPath` for this process, or throws DataDirInUseError naming the
 * process that holds it.
 */
export function lockDataDir(lockPath: string): DataDirLock {
  if (held.has(lockPath)) throw new DataDirInUseError(lockPath);
  // Written aside and linked into place: the lock appears with its content, at once, and
  // linking fails if a lock is already there.
  const candidate = `${lockPath}.${process.pid}`;
  writeFileSync(candidate, `${process.pid}\n`);
  try {
    if (!tryLink(candidate, lockPath)) {
      const owner = ownerOf(lockPath);
      if (owner !== undefined && isRunning(owner)) throw new DataDirInUseError(lockPath, owner);
      // Left by a crash: removed, as PostgreSQL removes a stale postmaster.pid. Two processes
      // doing this at the same moment could both go on, a window PostgreSQL's check has too.
      rmSync(lockPath, { force: true });
      if (!tryLink(candidate, lockPath)) throw new DataDirInUseError(lockPath, ownerOf(lockPath));
    }
  } finally {
    rmSync(candidate, { force: true });
  }
  held.add(lockPath);
  return {
    release() {
      if (!held.delete(lockPath)) return;
      if (ownerOf(lockPath) === process.pid) rmSync(lockPath, { force: true });
    },
  };
}
