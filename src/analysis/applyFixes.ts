import type { Finding, Fix, TextEdit } from './finding';
import { LineIndex } from './lineIndex';

/** Applies non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  // in order; insertions at one point keep their given order
  const spans = edits
    .map((e, index) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText, index }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  // pieces joined once: splicing the whole text per edit was quadratic for a file-wide fix-all
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), s.text);
    at = Math.max(at, s.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** A source that can be analysed and edited: a file, or a notebook's program text. */
export interface FixableDocument {
  /** The program text the findings' ranges refer to. */
  text: string;
  findings(): Finding[];
  /** Number of syntax errors in a program text: a fix may never raise it. */
  syntaxErrors(text: string): number;
  apply(edits: TextEdit[]): FixableDocument;
}

export interface FixAllResult {
  document: FixableDocument;
  applied: number;
}

type Span = [number, number];

/** Edits clash when they intersect or touch at the same point (two insertions there, or one at a replacement's edge). */
const overlaps = (a: Span, b: Span) => (a[0] < b[1] && b[0] < a[1]) || a[0] === b[0] || a[1] === b[1];

/**
 * The first fix of each finding, in order, when its edits touch no fix taken before, change
 * something, and pass `accept`. A fix that changes nothing is none: counted as applied, it kept
 * fix-all going to its last pass.
 */
function pickFixes(doc: FixableDocument, lines: LineIndex, accept: (fix: Fix) => boolean = () => true): Fix[] {
  const taken: Span[] = [];
  const chosen: Fix[] = [];
  for (const finding of doc.findings()) {
    const fix = finding.fixes[0];
    if (!fix || fix.edits.length === 0) continue;
    const spans = fix.edits.map((e): Span => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]);
    if (spans.some((s) => taken.some((t) => overlaps(s, t)))) continue;
    if (fix.edits.every((e, i) => doc.text.slice(spans[i][0], spans[i][1]) === e.newText)) continue;
    if (!accept(fix)) continue;
    taken.push(...spans);
    chosen.push(fix);
  }
  return chosen;
}

/**
 * Applies the first fix of every finding, in passes: each pass takes the fixes whose edits do not
 * touch one another and that do not add a syntax error, then re-analyses (a fix can change what
 * the next one should say). Stops when a pass applies nothing.
 */
export function fixAll(document: FixableDocument, maxPasses = 10): FixAllResult {
  let doc = document;
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const lines = new LineIndex(doc.text);
    const baseline = doc.syntaxErrors(doc.text);
    const addsErrors = (fixes: Fix[]) => doc.syntaxErrors(applyEdits(doc.text, fixes.flatMap((f) => f.edits))) > baseline;
    // All together first, one parse: a parse of the whole file per fix was quadratic (1 MB: 15 minutes)
    let chosen = pickFixes(doc, lines);
    if (chosen.length > 0 && addsErrors(chosen)) {
      chosen = pickFixes(doc, lines, (fix) => !addsErrors([fix]));
      // Fixes that are each safe could still clash together; then keep the first alone
      if (chosen.length > 1 && addsErrors(chosen)) chosen.splice(1);
    }
    if (chosen.length === 0) break;
    doc = doc.apply(chosen.flatMap((f) => f.edits));
    applied += chosen.length;
  }
  return { document: doc, applied };
}
