import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'tl-lock-')), 'pgdata.lock');
const owner = (path: string) => readFileSync(path, 'utf8').trim();

/** Another process, running until the test ends. */
let other: ChildProcess | undefined;
afterEach(() => {
  other?.kill();
  other = undefined;
});

function startOtherProcess(): number {
  other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  if (!other.pid) throw new Error('could not start a process');
  return other.pid;
}

/** The id of a process that has exited. */
async function pidOfExitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  if (!child.pid) throw new Error('could not start a process');
  return child.pid;
}

describe('lockDataDir (one process per embedded data dir)', () => {
  it('takes a free lock with this process’s id, and gives it back on release', () => {
    const path = lockPath();
    const lock = lockDataDir(path);
    expect(owner(path)).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
    lockDataDir(path).release();
  });

  it('refuses a lock another running process holds, naming it and the lock file', () => {
    const path = lockPath();
    const pid = startOtherProcess();
    writeFileSync(path, `${pid}\n`);
    let refusal: unknown;
    try {
      lockDataDir(path);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toContain(`in use by process ${pid}`);
    expect((refusal as Error).message).toContain(`delete ${path}`);
    expect(owner(path)).toBe(String(pid));
  });

  it('takes over a lock left by a process that is gone (a crash)', async () => {
    const path = lockPath();
    writeFileSync(path, `${await pidOfExitedProcess()}\n`);
    const lock = lockDataDir(path);
    expect(owner(path)).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock naming this process’s id that it does not hold (an id reused after a crash)', () => {
    const path = lockPath();
    writeFileSync(path, `${process.pid}\n`);
    const lock = lockDataDir(path);
    expect(owner(path)).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock file that names no process', () => {
    const path = lockPath();
    writeFileSync(path, 'not a process id');
    lockDataDir(path).release();
  });

  it('refuses a second lock on the same data dir within this process', () => {
    const path = lockPath();
    const lock = lockDataDir(path);
    expect(() => lockDataDir(path)).toThrow(DataDirInUseError);
    lock.release();
    lockDataDir(path).release();
  });

  it('works where the file system has no hard links', async () => {
    const withoutLinks = {
      link: () => {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      },
    };
    const path = lockPath();
    const lock = lockDataDir(path, withoutLinks);
    expect(owner(path)).toBe(String(process.pid));
    lock.release();

    const pid = startOtherProcess();
    writeFileSync(path, `${pid}\n`);
    expect(() => lockDataDir(path, withoutLinks)).toThrow(`in use by process ${pid}`);

    writeFileSync(path, `${await pidOfExitedProcess()}\n`);
    lockDataDir(path, withoutLinks).release();
  });

  it('fails with the file system’s own error when the lock cannot be written', () => {
    const path = lockPath();
    const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
    expect(() =>
      lockDataDir(path, {
        link: () => {
          throw denied;
        },
      }),
    ).toThrow(denied);
    expect(existsSync(path)).toBe(false);
    lockDataDir(path).release();
  });

  it('on release, leaves alone a lock that is no longer this process’s', () => {
    const path = lockPath();
    const lock = lockDataDir(path);
    const pid = startOtherProcess();
    writeFileSync(path, `${pid}\n`);
    lock.release();
    expect(owner(path)).toBe(String(pid));
  });
});
