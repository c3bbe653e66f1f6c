import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

// Platforms and file systems that cannot fsync a directory (Windows, some network mounts) say so with
// one of these; there the rename is as durable as the platform allows.
const dirSyncUnsupported = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'ENOTSUP', 'EACCES']);

/** Makes created, renamed and removed entries of `dir` durable (fsync of the directory). */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!dirSyncUnsupported.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` so that a crash leaves either the old or the new content: write a temporary file,
 * fsync it, rename it over `path`, fsync the directory.
 *
 * @example
 * await writeFileAtomic(join(dir, 'ack.json'), JSON.stringify({ ackedThrough: 42 }));
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDir(dirname(path));
}

/** Appends `data` to `path` (creating it) and fdatasyncs it before resolving. */
export async function appendFileDurably(path: string, data: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  // The file may have just been created; its directory entry must survive a crash too.
  await syncDir(dirname(path));
}
