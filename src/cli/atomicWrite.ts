import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Owner and group stay the original's where we may set them (as root); elsewhere a rename keeps ours. */
function keepOwner(fd: number, uid: number, gid: number): void {
  try {
    fchownSync(fd, uid, gid);
  } catch {
    // not allowed: the new file is ours, as any editor's save would make it
  }
}

/**
 * Replaces the file at `path` with `content` in one step: written to a temp file next to it (a
 * rename cannot cross file systems), given the original's mode, flushed, then renamed over it.
 * A full disk, a crash or a read-only folder leaves the original whole and no temp file behind.
 * A link is followed, so the link stays a link and its target gets the new content.
 * Throws the file system's error; the original is then untouched.
 */
export function writeFileAtomic(path: string, content: string): void {
  const target = realpathSync(path);
  const { mode, uid, gid } = statSync(target);
  // short and hidden: fits any file name's length, and a folder walk never picks it up
  const temp = join(dirname(target), `.initlens-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  let open = true;
  try {
    writeFileSync(fd, content);
    fchmodSync(fd, mode & 0o7777);
    keepOwner(fd, uid, gid);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temp, target);
  } catch (e) {
    if (open) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw e;
  }
}
