import type { Range } from './finding';
import { LineIndex } from './lineIndex';
import { track, type Tree } from './parser';

/** One change of a document, as VS Code reports it: the replaced range (in the old text) and the new text. */
export interface TextChange {
  range: Range;
  text: string;
}

/**
 * Applies `change` to `oldText` and tells `tree` (a copy is edited) what moved, so the next parse
 * can reuse every subtree outside the change. Returns the new text and the edited tree.
 */
export function editTree(tree: Tree, oldText: string, change: TextChange): { text: string; tree: Tree } {
  const lines = new LineIndex(oldText);
  const start = lines.offsetAt(change.range.start);
  const oldEnd = lines.offsetAt(change.range.end);
  const text = oldText.slice(0, start) + change.text + oldText.slice(oldEnd);
  const newEnd = start + change.text.length;
  const point = (p: { line: number; character: number }) => ({ row: p.line, column: p.character });
  const edited = track(tree.copy());
  edited.edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: point(lines.positionAt(start)),
    oldEndPosition: point(lines.positionAt(oldEnd)),
    newEndPosition: point(new LineIndex(text).positionAt(newEnd)),
  });
  return { text, tree: edited };
}
