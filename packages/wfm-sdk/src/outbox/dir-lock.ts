import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { OutboxLockedError } from './outbox.js';

/** A held directory lock. */
export interface DirLock {
  /** Removes the lock file; safe to call twice. */
  release(): Promise<void>;
}

// File systems without hard links (FAT, some network mounts) answer link() with one of these.
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP']);

/**
 * Takes the lock file at `path`, which holds the owner's pid. A lock whose pid is alive rejects with
 * OutboxLockedError (this process's own pid counts as alive: one directory, one outbox); a lock
 * whose pid is gone, or that holds no pid, is stale and taken over.
 *
 * The pid is written to a private file first and hard-linked into place, so the lock appears with its
 * content (an empty lock never means "being written"); where hard links are unsupported it falls
 * back to an exclusive (`wx`) create.
 *
 * @example
 * const lock = await acquireDirLock(join(dir, 'lock'));
 * try { ... } finally { await lock.release(); }
 */
export async function acquireDirLock(path: string): Promise<DirLock> {
  const content = `${process.pid}\n`;
  // Each round either takes the lock, proves it live, or removes one stale lock; a few rounds cover
  // another process racing us for the same stale lock.
  for (let round = 0; round < 5; round++) {
    if (await tryCreate(path, content)) {
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await unlink(path).catch(ignoreMissing);
        },
      };
    }
    const held = await readOrNull(path);
    if (held === null) continue; // released meanwhile
    const pid = parsePid(held);
    if (pid !== null && isAlive(pid)) {
      throw new OutboxLockedError(`The outbox directory is locked by live process ${pid} (${path})`);
    }
    await removeStale(path, held);
  }
  throw new OutboxLockedError(`Could not take the outbox lock ${path}: other processes keep racing for it`);
}

async function tryCreate(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!noHardLinks.has(code)) throw error;
    try {
      await writeFile(path, content, { flag: 'wx' });
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    await unlink(temp).catch(ignoreMissing);
  }
}

/**
 * Removes a lock judged stale. It is first renamed aside (atomic: of several contenders exactly one
 * gets it), then checked: if what was moved is not the stale lock we judged, another process took
 * the lock over in between, so it is put back.
 */
async function removeStale(path: string, judged: string): Promise<void> {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    ignoreMissing(error);
    return;
  }
  const moved = await readOrNull(aside);
  if (moved !== null && moved !== judged) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(ignoreMissing);
}

function parsePid(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[1-9]\d*$/.test(trimmed)) return null;
  const pid = Number(trimmed);
  return Number.isSafeInteger(pid) ? pid : null;
}

/** Signal 0 checks existence only; EPERM means the process exists but belongs to another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    ignoreMissing(error);
    return null;
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
