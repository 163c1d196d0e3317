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

/** Errors of file systems without hard links (FAT, some network file systems). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Puts `content` (already written to `candidate`) at `lockPath`, unless a file is there:
 * false then. A hard link makes the file appear with its content at once; where the file
 * system has none, an exclusive create and a write leave a moment when the lock is empty,
 * and a process starting at that very moment would take it for a stale one.
 */
function tryCreate(
  candidate: string,
  lockPath: string,
  content: string,
  link: typeof linkSync,
): boolean {
  try {
    link(candidate, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
  }
  try {
    writeFileSync(lockPath, content, { flag: 'wx' });
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
export function lockDataDir(
  lockPath: string,
  { link = linkSync }: { link?: typeof linkSync } = {},
): DataDirLock {
  if (held.has(lockPath)) throw new DataDirInUseError(lockPath);
  const content = `${process.pid}\n`;
  const candidate = `${lockPath}.${process.pid}`;
  writeFileSync(candidate, content);
  const tryLock = () => tryCreate(candidate, lockPath, content, link);
  try {
    if (!tryLock()) {
      const owner = ownerOf(lockPath);
      if (owner !== undefined && isRunning(owner)) throw new DataDirInUseError(lockPath, owner);
      // Left by a crash: removed, as PostgreSQL removes a stale postmaster.pid. Two processes
      // doing this at the same moment could both go on, a window PostgreSQL's check has too.
      rmSync(lockPath, { force: true });
      if (!tryLock()) throw new DataDirInUseError(lockPath, ownerOf(lockPath));
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
