import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives each test of the enclosing `describe` a fresh temp folder (handed to `set`) and removes it
 * afterwards, also when a test left it read-only.
 */
export function tempDirPerTest(prefix: string, set: (dir: string) => void): void {
  let dir = '';
  beforeEach(() => set((dir = mkdtempSync(join(tmpdir(), prefix)))));
  afterEach(() => {
    try {
      chmodSync(dir, 0o755);
    } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  });
}
