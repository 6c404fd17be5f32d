import type { Range } from './finding';
import type { Node } from './parser';

/** Helpers over tree-sitter nodes shared by the Python and TS/JS readers. */

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** Named children without comments: comments are never code. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((n) => n.type !== 'comment');
}

/**
 * How deep the readers follow nested expressions and blocks. Real code stays far below it (CPython
 * itself refuses 200 nested brackets or 100 indents); a generated or hostile file nested thousands
 * deep overflowed the JS stack, so what lies deeper is skipped, as code the reader does not know.
 */
export const MAX_DEPTH = 256;

const PLAIN_DOTTED = /^[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*$/;

/**
 * `a.b.c` for identifier/attribute (Python) or member_expression (JS) chains, else undefined. Both
 * callers resolve the first name against the file's imports, so a chain rooted at a word that is
 * not an identifier (`this.x`, `True.real`) may come back as a name: it resolves to nothing.
 */
export function dottedName(node: Node | null | undefined): string | undefined {
  // the common case from the text alone, one read instead of two per dot; anything else (a call or a
  // subscript in the chain, a comment, non-ASCII names, `?.`) takes the walk below
  if (node && (node.type === 'attribute' || node.type === 'member_expression' || node.type === 'identifier' || node.type === 'property_identifier')) {
    const text = node.text;
    if (PLAIN_DOTTED.test(text)) return text.replace(/\s+/g, '');
  }
  // a loop, not recursion: a chain can be thousands of attributes long; no library name is that long
  const parts: string[] = [];
  for (let n = node; n && parts.length < MAX_DEPTH; ) {
    switch (n.type) {
      case 'identifier':
      case 'property_identifier':
        parts.push(n.text);
        return parts.reverse().join('.');
      case 'attribute':
      case 'member_expression': {
        const property = n.childForFieldName(n.type === 'attribute' ? 'attribute' : 'property');
        if (!property) return undefined;
        parts.push(property.text);
        n = n.childForFieldName('object');
        break;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The innermost ancestor (or the node itself) of one of `types`. */
export function ancestorOfType(node: Node, types: readonly string[]): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) if (types.includes(n.type)) return n;
  return undefined;
}

/**
 * The nodes of `types` that a match of `pattern` (a global regex) in `root`'s text lies in, in
 * document order: a text search and one descent per match, where a walk of the whole tree costs
 * 35 ms in a 10,000-line file to find a few imports or comments.
 */
export function nodesAtMatches(root: Node, pattern: RegExp, types: readonly string[]): Node[] {
  const found = new Map<number, Node>();
  for (const m of root.text.matchAll(pattern)) {
    const start = root.startIndex + m.index;
    const node = root.namedDescendantForIndex(start, start + m[0].length);
    if (node && types.includes(node.type)) found.set(node.id, node);
  }
  return [...found.values()];
}

/** Depth-first visit of every named node below `root` (root included). */
export function visit(root: Node, enter: (node: Node) => boolean | void): void {
  const cursor = root.walk();
  try {
    let descend = true;
    for (;;) {
      if (descend) {
        const node = cursor.currentNode;
        const goOn = node.isNamed ? enter(node) !== false : true;
        if (goOn && cursor.gotoFirstChild()) continue;
      }
      if (cursor.currentNode.id === root.id) break;
      if (cursor.gotoNextSibling()) { descend = true; continue; }
      if (!cursor.gotoParent() || cursor.currentNode.id === root.id) break;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
}
