import type { Finding } from '../analysis/finding';
import type { FileReport } from './sarif';

/**
 * `path:line:col: CODE [*] message`, Ruff's layout; notebooks as `path:cell N:line:col`. `[*]` marks a fix.
 * `unchecked` paths (named on stderr) keep the last line from saying all checks passed.
 */
export function checkText(reports: readonly FileReport[], unchecked = 0): string {
  const lines: string[] = [];
  let total = 0;
  let fixable = 0;
  for (const { path, findings } of reports) {
    for (const f of findings) {
      total++;
      if (f.fixes.length) fixable++;
      const where = `${path}:${f.cell !== undefined ? `cell ${f.cell}:` : ''}${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${where}: ${f.code}${f.fixes.length ? ' [*]' : ''} ${f.severity}: ${f.message}`);
    }
  }
  const skipped = unchecked > 0 ? ` ${unchecked} path${unchecked === 1 ? '' : 's'} could not be checked.` : '';
  lines.push(total === 0 && !skipped
    ? 'All checks passed!'
    : `Found ${total} problem${total === 1 ? '' : 's'}${fixable ? ` (${fixable} fixable with --fix)` : ''}.${skipped}`);
  return lines.join('\n');
}

/** DESIGN's JSON contract: lines and columns 1-based, end exclusive as in the editor. */
function toJson(path: string, f: Finding) {
  const pos = (p: { line: number; character: number }) => ({ line: p.line + 1, column: p.character + 1 });
  return {
    file: path,
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    code: f.code,
    severity: f.severity,
    message: f.message,
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((e) => {
        const start = pos(e.range.start);
        const end = pos(e.range.end);
        return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, newText: e.newText };
      }),
    })),
  };
}

export function checkJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.flatMap((r) => r.findings.map((f) => toJson(r.path, f))), null, 2);
}
