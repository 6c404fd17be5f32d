import type { Finding } from './finding';

/** Where a suppression can start: only comments holding one are read. */
export const SUPPRESSION_MARK = /initlens:\s*ignore|noqa/g;

const IGNORE = /(?:initlens:\s*ignore|noqa)(?:\s*(?:\[([^\]]*)\]|:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)))?/g;

/**
 * Whether a comment silences `finding`: `initlens: ignore` / `noqa` alone silence every code,
 * `initlens: ignore[INIT001, INIT009]` and `noqa: INIT001` only the codes listed.
 */
export function isSuppressed(finding: Finding, comments: readonly string[]): boolean {
  for (const comment of comments) {
    for (const m of comment.matchAll(IGNORE)) {
      const list = m[1] ?? m[2];
      if (list === undefined) return true;
      if (list.split(',').map((c) => c.trim()).includes(finding.code)) return true;
    }
  }
  return false;
}
