import type { Finding, Fix, TextEdit } from './finding';
import { LineIndex } from './lineIndex';

/** Applies non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  // applied from the end; insertions at one point keep their given order
  const spans = edits
    .map((e, index) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText, index }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
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
    const taken: Span[] = [];
    const chosen: Fix[] = [];
    for (const finding of doc.findings()) {
      const fix = finding.fixes[0];
      if (!fix || fix.edits.length === 0) continue;
      const spans = fix.edits.map((e): Span => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]);
      if (spans.some((s) => taken.some((t) => overlaps(s, t)))) continue;
      if (doc.syntaxErrors(applyEdits(doc.text, fix.edits)) > baseline) continue;
      taken.push(...spans);
      chosen.push(fix);
    }
    if (chosen.length === 0) break;
    let edits = chosen.flatMap((f) => f.edits);
    // Fixes that are each safe could still clash together; then keep the first alone
    if (doc.syntaxErrors(applyEdits(doc.text, edits)) > baseline) {
      chosen.splice(1);
      edits = chosen[0].edits;
    }
    doc = doc.apply(edits);
    applied += chosen.length;
  }
  return { document: doc, applied };
}
