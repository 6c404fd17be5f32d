import { closeSync, openSync, readSync } from 'node:fs';
import { fixAll, type FixAllResult } from '../analysis/applyFixes';
import type { SourceDocument } from '../analysis/documents';
import { NotebookError } from '../analysis/notebook';
import { writeFileAtomic } from './atomicWrite';
import { describeError } from './describeError';
import type { FileOutcome } from './fileOutcome';

/** The text we analysed had its byte order mark dropped; the file keeps it. */
function startsWithBom(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(3);
    return readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    closeSync(fd);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `--fix` on one file. Unlike the editor's fix-all (which can be undone), this writes to disk
 * unattended, so it never writes a file that does not parse cleanly: with syntax errors the
 * error-tolerant parse may have misread the code around them, so the file is left as it is.
 * A fixed file is replaced in one step (see writeFileAtomic).
 */
export function fixFile(path: string, doc: SourceDocument): FileOutcome {
  const unchanged = (why: Pick<FileOutcome, 'problem' | 'note'> = {}): FileOutcome => ({ path, findings: doc.reported(), fixed: 0, ...why });
  if (!doc.findings().some((f) => f.fixes.length > 0)) return unchanged();
  const errors = doc.syntaxErrors(doc.text);
  if (errors > 0) return unchanged({ note: `not fixed: it has ${plural(errors, 'syntax error')}, and a file that does not parse is never rewritten` });
  let result: FixAllResult;
  try {
    result = fixAll(doc);
  } catch (e) {
    if (!(e instanceof NotebookError)) throw e;
    return unchanged({ problem: `could not apply the fixes (${e.message}); the file is unchanged` });
  }
  if (result.applied === 0) return unchanged();
  // fixAll refuses any fix that adds a syntax error, so what is written parses cleanly too
  const fixed = result.document as SourceDocument;
  try {
    writeFileAtomic(path, (startsWithBom(path) ? '\uFEFF' : '') + fixed.content);
  } catch (e) {
    return unchanged({ problem: `could not write the fixes (${describeError(e)}); the file is unchanged` });
  }
  return { path, findings: fixed.reported(), fixed: result.applied };
}
