import type { Finding } from '../analysis/finding';

/** What `check` made of one file. */
export interface FileOutcome {
  path: string;
  /** Its findings, after any fixes written; absent when the file could not be checked. */
  findings?: Finding[];
  /** Fixes written to the file. */
  fixed: number;
  /** Why the file was not checked, or its fixes not written: it fails the run (exit 1). */
  problem?: string;
  /** Why fixes were held back on purpose: said on stderr, but no failure. */
  note?: string;
}
