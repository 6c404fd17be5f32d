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
  return node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

/** `a.b.c` for identifier/attribute (Python) or member_expression (JS) chains, else undefined. */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'property_identifier':
      return node.text;
    case 'attribute':
    case 'member_expression': {
      const object = dottedName(node.childForFieldName('object'));
      const property = node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property');
      return object && property ? `${object}.${property.text}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The innermost ancestor (or the node itself) of one of `types`. */
export function ancestorOfType(node: Node, types: readonly string[]): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) if (types.includes(n.type)) return n;
  return undefined;
}

/** Depth-first visit of every named node below `root` (root included). */
export function visit(root: Node, enter: (node: Node) => boolean | void): void {
  const cursor = root.walk();
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
}
